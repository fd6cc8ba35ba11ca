using Weft.Samples.Hosting;
using Weft.Samples.Http;
using Weft.Samples.Travel.Model;

namespace Weft.Samples.Travel.Agency;

/// <summary>
/// discounts: <c>GET /discounts/{user}</c> answers <c>{"user","discount"}</c>: 0.10 for
/// <c>registered</c>, 0.25 for <c>new</c>, 0.05 for anyone else. It calls nothing.
/// </summary>
public sealed class DiscountsSample : ISample
{
    public string Name => "discounts";

    public int DefaultPort => 8092;

    public Instance Configure(IServiceCollection services, EnvReader env)
    {
        services.AddSingleton(sp => ChaosMonkey.FromEnvironment(env, sp.GetRequiredService<TimeProvider>()));
        return AgencyInstance.Read(env, Name);
    }

    public static float DiscountFor(string user) => user switch
    {
        "" => 0f,
        "registered" => 0.10f,
        "new" => 0.25f,
        _ => 0.05f,
    };

    public void Map(WebApplication app)
    {
        var chaos = app.Services.GetRequiredService<ChaosMonkey>();
        app.MapGet("/discounts/{user}", async ctx =>
        {
            var user = (string)ctx.Request.RouteValues["user"]!;
            await chaos.BeforeAnswerAsync(ctx.Request.Headers["portal"].ToString(), ctx.Request.Headers["device"].ToString(), user, ctx.RequestAborted);
            await ctx.Response.WriteJsonAsync(new Discount(user, DiscountFor(user)), SampleJson.Default.Discount, ctx.RequestAborted);
        });
    }
}
