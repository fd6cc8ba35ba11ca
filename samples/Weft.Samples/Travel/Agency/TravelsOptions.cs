using Weft.Samples.Hosting;

namespace Weft.Samples.Travel.Agency;

/// <summary>Where travels finds the four offer services (the demo's *_SERVICE variables and code defaults).</summary>
public sealed record TravelsOptions(string Flights, string Hotels, string Cars, string Insurances)
{
    public static TravelsOptions FromEnvironment(EnvReader env) => new(
        env.BaseUrl("FLIGHTS_SERVICE", "http://localhost:8093"),
        env.BaseUrl("HOTELS_SERVICE", "http://localhost:8094"),
        env.BaseUrl("CARS_SERVICE", "http://localhost:8091"),
        env.BaseUrl("INSURANCES_SERVICE", "http://localhost:8095"));
}
