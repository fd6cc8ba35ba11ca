using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Model;

/// <summary>An entry of the city list (<c>GET /travels</c>, <c>GET /hotels</c>); lat and lng are strings, as in the demo.</summary>
public sealed record CityEntry(
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("lat")] string Lat,
    [property: JsonPropertyName("lng")] string Lng);
