using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Portal;

/// <summary><c>{"registered","new"}</c>: a share in the settings, a count in the status.</summary>
public sealed record UserCounts(
    [property: JsonPropertyName("registered")] int Registered,
    [property: JsonPropertyName("new")] int New);
