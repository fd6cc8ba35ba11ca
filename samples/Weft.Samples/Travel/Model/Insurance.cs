using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Model;

/// <summary>An insurance offer, <c>{"company","price"}</c>.</summary>
public sealed record Insurance(
    [property: JsonPropertyName("company")] string Company,
    [property: JsonPropertyName("price")] float Price);
