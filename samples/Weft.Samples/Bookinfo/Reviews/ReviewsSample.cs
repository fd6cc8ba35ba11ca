using System.Globalization;
using Weft.Samples.Hosting;
using Weft.Samples.Http;

namespace Weft.Samples.Bookinfo.Reviews;

/// <summary>
/// reviews: <c>GET /reviews/{id}</c> answers two reviews of the book; with ratings enabled (v2,
/// v3) it asks ratings for their stars, passing on the trace and end-user headers, and marks
/// each review "Ratings service is currently unavailable" when ratings fails.
/// </summary>
public sealed partial class ReviewsSample : ISample
{
    private static readonly (string Reviewer, string Text)[] Texts =
    [
        ("Reviewer1", "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!"),
        ("Reviewer2", "Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare."),
    ];

    public string Name => "reviews";

    public int DefaultPort => 9080;

    public Instance Configure(IServiceCollection services, EnvReader env)
    {
        var instance = BookinfoEnvironment.Instance(env, Name);
        services.AddSingleton(ReviewsFlavor.FromEnvironment(env, instance.Version));
        services.AddSingleton(new ReviewsTarget(BookinfoEnvironment.ServiceUrl(env, "ratings"),
            env.Text("HOSTNAME") ?? Environment.MachineName, env.Text("CLUSTER_NAME") ?? "null"));
        return instance;
    }

    public void Map(WebApplication app)
    {
        var flavor = app.Services.GetRequiredService<ReviewsFlavor>();
        var target = app.Services.GetRequiredService<ReviewsTarget>();
        var downstream = app.Services.GetRequiredService<Downstream>();
        var instance = app.Services.GetRequiredService<Instance>().ToString();
        var log = app.Services.GetRequiredService<ILogger<ReviewsSample>>();

        app.MapGet("/health", ctx => ctx.Response.WriteJsonAsync(new BookinfoHealth("Reviews is healthy"), SampleJson.Default.BookinfoHealth, ctx.RequestAborted));
        app.MapGet("/reviews/{id}", async ctx =>
        {
            var raw = (string)ctx.Request.RouteValues["id"]!;
            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ctx.Response.WriteJsonAsync(new ErrorBody("please provide numeric product id"), SampleJson.Default.ErrorBody, ctx.RequestAborted);
                return;
            }
            IReadOnlyDictionary<string, int>? stars = null;
            if (flavor.RatingsEnabled)
            {
                var r = await downstream.GetAsync($"{target.RatingsUrl}/ratings/{id}", Forwarded.From(ctx.Request, PropagatedHeaders.Bookinfo),
                    flavor.RatingsTimeout, ctx.RequestAborted);
                stars = r.Ok ? r.Json(SampleJson.Default.RatingsBody)?.Ratings : null;
                if (stars is null)
                    LogRatingsFailed(log, instance, r.Describe());
            }
            var reviews = new List<Review>(Texts.Length);
            foreach (var (reviewer, text) in Texts)
            {
                ReviewRating? rating = null;
                if (flavor.RatingsEnabled)
                    rating = stars is not null && stars.TryGetValue(reviewer, out var n)
                        ? new ReviewRating(n, flavor.StarColor, null)
                        : new ReviewRating(null, null, ReviewRating.Unavailable);
                reviews.Add(new Review(reviewer, text, rating));
            }
            await ctx.Response.WriteJsonAsync(new ReviewsBody(raw, target.PodName, target.ClusterName, reviews),
                SampleJson.Default.ReviewsBody, ctx.RequestAborted);
        });
    }

    [LoggerMessage(7601, LogLevel.Warning, "[{Instance}] No ratings: {Reason}")]
    private static partial void LogRatingsFailed(ILogger log, string instance, string reason);
}
