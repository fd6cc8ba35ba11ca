using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Portal;

/// <summary>The <c>status</c> member of a portal's status: its counters and whether it could be reached.</summary>
public sealed record PortalActivity(
    [property: JsonPropertyName("requests")] RequestCounts Requests,
    [property: JsonPropertyName("cities")] IReadOnlyList<CityRequests>? Cities,
    [property: JsonPropertyName("error")] bool Error);
