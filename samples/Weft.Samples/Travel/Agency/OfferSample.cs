using System.Text.Json.Serialization.Metadata;
using Weft.Samples.Hosting;
using Weft.Samples.Http;
using Weft.Samples.Travel.Catalogue;

namespace Weft.Samples.Travel.Agency;

/// <summary>
/// flights, hotels, cars or insurances: <c>GET /&lt;service&gt;/{city}</c> answers the city's
/// offers from the seed catalogue, discounted for the <c>user</c> header by the discounts
/// service; an unknown city is 404 <c>{"error":"City &lt;city&gt; not found"}</c>.
/// hotels also answers <c>GET /hotels</c> with the city list.
/// </summary>
public sealed class OfferSample<T>(string name, int defaultPort, Func<Offer, T> create, Func<T, float, T> discounted, JsonTypeInfo<List<T>> listType)
    : ISample
{
    public string Name => name;

    public int DefaultPort => defaultPort;

    public Instance Configure(IServiceCollection services, EnvReader env)
    {
        var instance = AgencyInstance.Read(env, name);
        var discounts = env.BaseUrl("DISCOUNTS_SERVICE", "http://localhost:8092");
        services.AddSingleton(AgencyCatalogue.LoadEmbedded());
        services.AddSingleton(sp => ChaosMonkey.FromEnvironment(env, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DiscountClient(discounts, sp.GetRequiredService<Downstream>(), instance, sp.GetRequiredService<ILogger<DiscountClient>>()));
        return instance;
    }

    public void Map(WebApplication app)
    {
        var catalogue = app.Services.GetRequiredService<AgencyCatalogue>();
        var chaos = app.Services.GetRequiredService<ChaosMonkey>();
        var discounts = app.Services.GetRequiredService<DiscountClient>();

        app.MapGet($"/{name}/{{city}}", async ctx =>
        {
            var city = (string)ctx.Request.RouteValues["city"]!;
            var ct = ctx.RequestAborted;
            if (!catalogue.TryGetOffers(name, city, out var offers))
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                await ctx.Response.WriteJsonAsync(new ErrorBody($"City {city} not found"), SampleJson.Default.ErrorBody, ct);
                return;
            }
            var list = new List<T>(offers.Length);
            foreach (var o in offers)
                list.Add(create(o));
            var headers = ctx.Request.Headers;
            var user = headers["user"].ToString();
            if (user.Length > 0)
            {
                var factor = await discounts.FactorAsync(user, Forwarded.From(ctx.Request, PropagatedHeaders.Travel), name, ct);
                for (var i = 0; i < list.Count; i++)
                    list[i] = discounted(list[i], factor);
            }
            await chaos.BeforeAnswerAsync(headers["portal"].ToString(), headers["device"].ToString(), user, ct);
            await ctx.Response.WriteJsonAsync(list, listType, ct);
        });

        if (name == "hotels")
            app.MapGet("/hotels", ctx => ctx.Response.WriteJsonAsync(CityList.From(catalogue), SampleJson.Default.ListCityEntry, ctx.RequestAborted));
    }
}
