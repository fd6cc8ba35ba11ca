using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Portal;

/// <summary><c>{"web","mobile"}</c>: a share in the settings, a count in the status.</summary>
public sealed record DeviceCounts(
    [property: JsonPropertyName("web")] int Web,
    [property: JsonPropertyName("mobile")] int Mobile);
