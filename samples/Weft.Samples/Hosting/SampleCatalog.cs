using System.Collections.Frozen;
using Weft.Samples.Bookinfo.Details;
using Weft.Samples.Bookinfo.ProductPage;
using Weft.Samples.Bookinfo.Ratings;
using Weft.Samples.Bookinfo.Reviews;
using Weft.Samples.Travel.Agency;
using Weft.Samples.Travel.Control;
using Weft.Samples.Travel.Portal;

namespace Weft.Samples.Hosting;

/// <summary>Every service weft-samples can run, by its command-line name.</summary>
public static class SampleCatalog
{
    private static readonly FrozenDictionary<string, Func<ISample>> Factories = new Dictionary<string, Func<ISample>>
    {
        ["travels"] = () => new TravelsSample(),
        ["flights"] = () => OfferSamples.Flights(),
        ["hotels"] = () => OfferSamples.Hotels(),
        ["cars"] = () => OfferSamples.Cars(),
        ["insurances"] = () => OfferSamples.Insurances(),
        ["discounts"] = () => new DiscountsSample(),
        ["portal"] = () => new PortalSample(),
        ["control"] = () => new ControlSample(),
        ["productpage"] = () => new ProductPageSample(),
        ["details"] = () => new DetailsSample(),
        ["reviews"] = () => new ReviewsSample(),
        ["ratings"] = () => new RatingsSample(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The names in the order the usage lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["travels", "flights", "hotels", "cars", "insurances", "discounts", "portal", "control", "productpage", "details", "reviews", "ratings"];

    public static ISample Create(string name) => Factories[name]();
}
