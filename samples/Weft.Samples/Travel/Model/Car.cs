using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Model;

/// <summary>A car offer, <c>{"carModel","price"}</c>.</summary>
public sealed record Car(
    [property: JsonPropertyName("carModel")] string CarModel,
    [property: JsonPropertyName("price")] float Price);
