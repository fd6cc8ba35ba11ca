using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Weft.Samples.Hosting;
using Weft.Samples.Http;

namespace Weft.Samples.Bookinfo.Ratings;

/// <summary>
/// ratings: <c>GET /ratings/{id}</c> answers 5 stars from Reviewer1 and 4 from Reviewer2
/// unless <c>POST /ratings/{id}</c> set others. SERVICE_VERSION picks Istio's test flavours:
/// <c>v-faulty</c> fails half the requests with 503, <c>v-delayed</c> delays half by 7 s,
/// <c>v-unavailable</c> and <c>v-unhealthy</c> fail them all.
/// </summary>
public sealed class RatingsSample : ISample
{
    private static readonly IReadOnlyDictionary<string, int> DefaultRatings = new Dictionary<string, int> { ["Reviewer1"] = 5, ["Reviewer2"] = 4 };

    public string Name => "ratings";

    public int DefaultPort => 9080;

    public Instance Configure(IServiceCollection services, EnvReader env) => BookinfoEnvironment.Instance(env, Name);

    public void Map(WebApplication app)
    {
        var version = app.Services.GetRequiredService<Instance>().Version;
        var time = app.Services.GetRequiredService<TimeProvider>();
        var stored = new ConcurrentDictionary<int, IReadOnlyDictionary<string, int>>();
        var random = new Random();
        var healthy = version != "v-unhealthy";

        app.MapGet("/health", ctx =>
        {
            if (!healthy)
                ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return ctx.Response.WriteJsonAsync(new BookinfoHealth(healthy ? "Ratings is healthy" : "Ratings is not healthy"),
                SampleJson.Default.BookinfoHealth, ctx.RequestAborted);
        });

        app.MapGet("/ratings/{id}", async ctx =>
        {
            if (!TryId(ctx, out var id))
            {
                await BadIdAsync(ctx);
                return;
            }
            var coin = random.Next(2) == 0;
            if (version is "v-unavailable" or "v-unhealthy" || (version == "v-faulty" && coin))
            {
                ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await ctx.Response.WriteJsonAsync(new ErrorBody("Service unavailable"), SampleJson.Default.ErrorBody, ctx.RequestAborted);
                return;
            }
            if (version == "v-delayed" && coin)
                await Task.Delay(TimeSpan.FromSeconds(7), time, ctx.RequestAborted);
            await ctx.Response.WriteJsonAsync(new RatingsBody(id, stored.GetValueOrDefault(id, DefaultRatings)),
                SampleJson.Default.RatingsBody, ctx.RequestAborted);
        });

        app.MapPost("/ratings/{id}", async ctx =>
        {
            if (!TryId(ctx, out var id))
            {
                await BadIdAsync(ctx);
                return;
            }
            var body = await ctx.Request.ReadTextAsync(ctx.RequestAborted);
            Dictionary<string, int>? ratings = null;
            try
            {
                ratings = JsonSerializer.Deserialize(body, SampleJson.Default.DictionaryStringInt32);
            }
            catch (JsonException)
            {
            }
            if (ratings is null || ratings.Count == 0)
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ctx.Response.WriteJsonAsync(new ErrorBody("please provide valid ratings JSON, e.g. {\"Reviewer1\":5,\"Reviewer2\":4}"),
                    SampleJson.Default.ErrorBody, ctx.RequestAborted);
                return;
            }
            stored[id] = ratings;
            await ctx.Response.WriteJsonAsync(new RatingsBody(id, ratings), SampleJson.Default.RatingsBody, ctx.RequestAborted);
        });
    }

    private static bool TryId(HttpContext ctx, out int id) =>
        int.TryParse((string)ctx.Request.RouteValues["id"]!, NumberStyles.Integer, CultureInfo.InvariantCulture, out id);

    private static Task BadIdAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
        return ctx.Response.WriteJsonAsync(new ErrorBody("please provide numeric product ID"), SampleJson.Default.ErrorBody, ctx.RequestAborted);
    }
}
