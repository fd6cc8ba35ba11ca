using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Model;

/// <summary>A flight offer, <c>{"airline","price"}</c>.</summary>
public sealed record Flight(
    [property: JsonPropertyName("airline")] string Airline,
    [property: JsonPropertyName("price")] float Price);
