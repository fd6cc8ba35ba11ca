using System.Globalization;
using Weft.Samples.Hosting;
using Weft.Samples.Http;
using Weft.Samples.Travel.Model;

namespace Weft.Samples.Travel.Agency;

/// <summary>
/// travels, the agency's front: <c>GET /travels</c> passes on hotels' city list;
/// <c>GET /travels/{city}</c> asks flights (t1, t2), hotels, cars (t1, t3) and insurances in
/// parallel and assembles the quote. If any call fails or answers 400 or more, the answer is
/// 404 <c>{"error":"Travel Quote for &lt;city&gt; not found"}</c>, as in the demo.
/// </summary>
public sealed partial class TravelsSample : ISample
{
    // The demo's Go client has no timeout at all; this one only ends a call that hangs for good,
    // long after any delay a fault-injection lab adds.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    public string Name => "travels";

    public int DefaultPort => 8090;

    public Instance Configure(IServiceCollection services, EnvReader env)
    {
        services.AddSingleton(TravelsOptions.FromEnvironment(env));
        services.AddSingleton(sp => ChaosMonkey.FromEnvironment(env, sp.GetRequiredService<TimeProvider>()));
        return AgencyInstance.Read(env, Name);
    }

    public void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<TravelsOptions>();
        var downstream = app.Services.GetRequiredService<Downstream>();
        var chaos = app.Services.GetRequiredService<ChaosMonkey>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var instance = app.Services.GetRequiredService<Instance>().ToString();
        var log = app.Services.GetRequiredService<ILogger<TravelsSample>>();

        app.MapGet("/travels", async ctx =>
        {
            var ct = ctx.RequestAborted;
            var r = await downstream.GetAsync($"{options.Hotels}/hotels", Forwarded.From(ctx.Request, PropagatedHeaders.Travel), CallTimeout, ct);
            if (r.Failure is not null)
            {
                LogDestinationsFailed(log, instance, r.Describe());
                ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await ctx.Response.WriteJsonAsync(new ErrorBody($"Error fetching destinations for portal [{ctx.Request.Headers["portal"]}]"), SampleJson.Default.ErrorBody, ct);
                return;
            }
            // As the demo: an answer that is not a city list (a 403 from a policy, say) is an empty list.
            var cities = r.Json(SampleJson.Default.ListCityEntry);
            if (cities is null)
                LogDestinationsFailed(log, instance, r.Describe());
            await ctx.Response.WriteJsonAsync(cities ?? [], SampleJson.Default.ListCityEntry, ct);
        });

        app.MapGet("/travels/{city}", async ctx =>
        {
            var ct = ctx.RequestAborted;
            var city = (string)ctx.Request.RouteValues["city"]!;
            var travel = ctx.Request.Headers["travel"].ToString();
            if (travel.Length == 0)
                travel = "t1";
            var forwarded = Forwarded.From(ctx.Request, PropagatedHeaders.Travel);
            var flights = Offers(travel is "t1" or "t2", options.Flights, "flights", city, forwarded, downstream, ct);
            var hotels = Offers(true, options.Hotels, "hotels", city, forwarded, downstream, ct)!;
            var cars = Offers(travel is "t1" or "t3", options.Cars, "cars", city, forwarded, downstream, ct);
            var insurances = Offers(true, options.Insurances, "insurances", city, forwarded, downstream, ct)!;
            var calls = new List<Task<DownstreamResponse>>(4) { hotels, insurances };
            if (flights is not null)
                calls.Add(flights);
            if (cars is not null)
                calls.Add(cars);
            await Task.WhenAll(calls);

            foreach (var call in calls)
            {
                if (!call.Result.Ok)
                {
                    LogQuoteFailed(log, instance, city, call.Result.Describe());
                    ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                    await ctx.Response.WriteJsonAsync(new ErrorBody($"Travel Quote for {city} not found"), SampleJson.Default.ErrorBody, ct);
                    return;
                }
            }
            var quote = new TravelQuote(city, null,
                time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                "Valid",
                flights?.Result.Json(SampleJson.Default.ListFlight),
                hotels.Result.Json(SampleJson.Default.ListHotel),
                cars?.Result.Json(SampleJson.Default.ListCar),
                insurances.Result.Json(SampleJson.Default.ListInsurance));
            await chaos.BeforeQuoteAsync(city, ctx.Request.Headers["user"].ToString(), ct);
            await ctx.Response.WriteJsonAsync(quote, SampleJson.Default.TravelQuote, ct);
        });
    }

    /// <summary>One offer service's call for the quote, or null when the travel type does not want it.</summary>
    private static Task<DownstreamResponse>? Offers(bool wanted, string baseUrl, string service, string city, Forwarded headers, Downstream downstream, CancellationToken ct) =>
        wanted ? downstream.GetAsync($"{baseUrl}/{service}/{Uri.EscapeDataString(city)}", headers, CallTimeout, ct) : null;

    [LoggerMessage(7301, LogLevel.Warning, "[{Instance}] No destinations from hotels: {Reason}")]
    private static partial void LogDestinationsFailed(ILogger log, string instance, string reason);

    [LoggerMessage(7302, LogLevel.Warning, "[{Instance}] No quote for {City}: {Reason}")]
    private static partial void LogQuoteFailed(ILogger log, string instance, string city, string reason);
}
