using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Model;

/// <summary>A hotel offer, <c>{"hotel","price"}</c>.</summary>
public sealed record Hotel(
    [property: JsonPropertyName("hotel")] string Name,
    [property: JsonPropertyName("price")] float Price);
