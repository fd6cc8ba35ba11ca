using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Model;

/// <summary>
/// The quote of <c>GET /travels/{city}</c>. A list the travel type did not ask for is null
/// (flights for t3, cars for t2), and <see cref="Coordinates"/> is always null: the demo's
/// travels service never sets it.
/// </summary>
public sealed record TravelQuote(
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("coordinates")] double[]? Coordinates,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("flights")] IReadOnlyList<Flight>? Flights,
    [property: JsonPropertyName("hotels")] IReadOnlyList<Hotel>? Hotels,
    [property: JsonPropertyName("cars")] IReadOnlyList<Car>? Cars,
    [property: JsonPropertyName("insurances")] IReadOnlyList<Insurance>? Insurances);
