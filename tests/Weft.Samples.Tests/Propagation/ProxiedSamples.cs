using Weft.Samples.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Samples.Tests.Propagation;

/// <summary>
/// Samples whose HTTP_PROXY is a <see cref="RecordingProxy"/>, as a sidecar's outbound port
/// would be: travels and cars (to the shared agency), productpage (to the shared details and to
/// a reviews v2 here) and that reviews v2 (to the shared ratings).
/// </summary>
public sealed class ProxiedSamples(TravelAgency agency, BookinfoMesh bookinfo) : IAsyncLifetime
{
    public RecordingProxy Proxy { get; private set; } = null!;
    public SampleProcess Travels { get; private set; } = null!;
    public SampleProcess Cars { get; private set; } = null!;
    public SampleProcess ProductPage { get; private set; } = null!;
    public SampleProcess Reviews { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Proxy = await RecordingProxy.StartAsync();
        var reviewsAddress = Net.UniqueLoopback();
        var travels = SampleProcess.StartAsync("travels", With(agency.TravelsEnvironment()));
        var cars = SampleProcess.StartAsync("cars", With(agency.OfferEnvironment()));
        var reviews = SampleProcess.StartAsync("reviews", With(new() { ["SERVICE_VERSION"] = "v2", ["RATINGS_SERVICE"] = bookinfo.RatingsUrl }), reviewsAddress, 9080);
        var page = SampleProcess.StartAsync("productpage", With(new()
        {
            ["DETAILS_SERVICE"] = bookinfo.DetailsUrl,
            ["REVIEWS_SERVICE"] = $"http://{reviewsAddress}:9080",
            ["RATINGS_SERVICE"] = bookinfo.RatingsUrl,
        }), null, 9080);
        await Task.WhenAll(travels, cars, reviews, page);
        (Travels, Cars, Reviews, ProductPage) = (travels.Result, cars.Result, reviews.Result, page.Result);
        // Warm the chain once (see BookinfoMesh.WarmUpAsync): productpage gives reviews only 3 s.
        await Reviews.Client.GetAsync("reviews/0");
        await ProductPage.Client.GetAsync("productpage");
    }

    private Dictionary<string, string> With(Dictionary<string, string> env)
    {
        env["HTTP_PROXY"] = Proxy.Url;
        return env;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in new[] { Travels, Cars, ProductPage, Reviews })
            if (p is not null)
                await p.DisposeAsync();
        if (Proxy is not null)
            await Proxy.DisposeAsync();
    }
}
