using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Model;

/// <summary>The answer of <c>GET /discounts/{user}</c>: prices are multiplied by <c>1 - discount</c>.</summary>
public sealed record Discount(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("discount")] float Value);
