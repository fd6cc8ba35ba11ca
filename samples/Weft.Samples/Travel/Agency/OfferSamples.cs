using Weft.Samples.Http;
using Weft.Samples.Travel.Model;

namespace Weft.Samples.Travel.Agency;

/// <summary>The four offer services with the demo's default ports and JSON shapes.</summary>
public static class OfferSamples
{
    public static OfferSample<Flight> Flights() =>
        new("flights", 8093, o => new Flight(o.Name, o.Price), (f, x) => f with { Price = f.Price * x }, SampleJson.Default.ListFlight);

    public static OfferSample<Hotel> Hotels() =>
        new("hotels", 8094, o => new Hotel(o.Name, o.Price), (h, x) => h with { Price = h.Price * x }, SampleJson.Default.ListHotel);

    public static OfferSample<Car> Cars() =>
        new("cars", 8091, o => new Car(o.Name, o.Price), (c, x) => c with { Price = c.Price * x }, SampleJson.Default.ListCar);

    public static OfferSample<Insurance> Insurances() =>
        new("insurances", 8095, o => new Insurance(o.Name, o.Price), (i, x) => i with { Price = i.Price * x }, SampleJson.Default.ListInsurance);
}
