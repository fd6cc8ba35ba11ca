using Weft.Testing;

namespace Weft.Samples.Tests.Infrastructure;

/// <summary>
/// Bookinfo, shared by the assembly: details, ratings, reviews v1, v2 and v3, and one
/// productpage per reviews version (productpage reaches one reviews URL, as it would reach
/// one subset through the mesh). All on Bookinfo's port 9080, each on its own loopback address.
/// </summary>
public sealed class BookinfoMesh : IAsyncLifetime
{
    private readonly string _details = Net.UniqueLoopback();
    private readonly string _ratings = Net.UniqueLoopback();
    private readonly Dictionary<string, string> _reviews = new() { ["v1"] = Net.UniqueLoopback(), ["v2"] = Net.UniqueLoopback(), ["v3"] = Net.UniqueLoopback() };
    private readonly List<SampleProcess> _all = [];

    public SampleProcess Details { get; private set; } = null!;
    public SampleProcess Ratings { get; private set; } = null!;
    public Dictionary<string, SampleProcess> Reviews { get; } = [];
    public Dictionary<string, SampleProcess> ProductPages { get; } = [];

    public string DetailsUrl => $"http://{_details}:9080";
    public string RatingsUrl => $"http://{_ratings}:9080";

    public string ReviewsUrl(string version) => $"http://{_reviews[version]}:9080";

    public async ValueTask InitializeAsync()
    {
        var details = SampleProcess.StartAsync("details", null, _details, 9080);
        var ratings = SampleProcess.StartAsync("ratings", null, _ratings, 9080);
        var reviews = _reviews.ToDictionary(v => v.Key, v => SampleProcess.StartAsync("reviews",
            new Dictionary<string, string> { ["SERVICE_VERSION"] = v.Key, ["RATINGS_SERVICE"] = RatingsUrl }, v.Value, 9080));
        var pages = _reviews.ToDictionary(v => v.Key, v => SampleProcess.StartAsync("productpage",
            new Dictionary<string, string> { ["DETAILS_SERVICE"] = DetailsUrl, ["REVIEWS_SERVICE"] = ReviewsUrl(v.Key), ["RATINGS_SERVICE"] = RatingsUrl }, null, 9080));
        var every = new List<Task<SampleProcess>> { details, ratings };
        every.AddRange(reviews.Values);
        every.AddRange(pages.Values);
        try
        {
            await Task.WhenAll(every);
        }
        finally
        {
            _all.AddRange(every.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
        Details = details.Result;
        Ratings = ratings.Result;
        foreach (var (v, t) in reviews)
            Reviews[v] = t.Result;
        foreach (var (v, t) in pages)
            ProductPages[v] = t.Result;
        await WarmUpAsync();
    }

    /// <summary>
    /// One request down every path before the tests: productpage gives reviews only 3 s (as
    /// Istio's does), and a cold process on a busy two-core machine can spend that on its first
    /// request alone.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var warm = new List<Task>();
        warm.AddRange(Reviews.Values.Select(r => r.Client.GetAsync("reviews/0")));
        warm.Add(Details.Client.GetAsync("details/0"));
        await Task.WhenAll(warm);
        await Task.WhenAll(ProductPages.Values.Select(p => p.Client.GetAsync("productpage")));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _all)
            await s.DisposeAsync();
    }
}
