using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Portal;

/// <summary>
/// <c>{"t1","t2","t3"}</c>: a share in the settings, a count in the status.
/// t1 is flight + car + hotel + insurance, t2 has no car, t3 no flight.
/// </summary>
public sealed record TravelTypeCounts(
    [property: JsonPropertyName("t1")] int T1,
    [property: JsonPropertyName("t2")] int T2,
    [property: JsonPropertyName("t3")] int T3);
