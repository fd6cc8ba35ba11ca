using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Portal;

/// <summary>The quotes a portal received for one city; coordinates are <c>[lon, lat]</c> (the order d3 maps use).</summary>
public sealed record CityRequests(
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("coordinates")] double[] Coordinates,
    [property: JsonPropertyName("requests")] RequestCounts Requests);
