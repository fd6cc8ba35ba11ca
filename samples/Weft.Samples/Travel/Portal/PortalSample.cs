using Weft.Samples.Hosting;
using Weft.Samples.Http;

namespace Weft.Samples.Travel.Portal;

/// <summary>
/// A travel portal (voyages.fr, viaggi.it, travels.uk): generates steady load on travels
/// (<see cref="PortalLoop"/>) and serves <c>GET /status</c> and <c>PUT /settings</c>.
/// </summary>
public sealed partial class PortalSample : ISample
{
    public string Name => "portal";

    public int DefaultPort => 8081;

    public Instance Configure(IServiceCollection services, EnvReader env)
    {
        var options = PortalOptions.FromEnvironment(env);
        services.AddSingleton(options);
        services.AddSingleton(new PortalState(PortalSettings.Default));
        services.AddHostedService<PortalLoop>();
        return new Instance(options.Name, env.Version("v1"));
    }

    public void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<PortalOptions>();
        var state = app.Services.GetRequiredService<PortalState>();
        var log = app.Services.GetRequiredService<ILogger<PortalSample>>();

        app.MapGet("/status", ctx => ctx.Response.WriteJsonAsync(
            new PortalStatus(options.Name, options.Coordinates, options.Country, state.Settings, state.Activity()),
            SampleJson.Default.PortalStatus, ctx.RequestAborted));

        app.MapGet("/settings", ctx => ctx.Response.WriteJsonAsync(state.Settings, SampleJson.Default.PortalSettings, ctx.RequestAborted));

        app.MapPut("/settings", async ctx =>
        {
            var (settings, errors) = state.Settings.Apply(await ctx.Request.ReadTextAsync(ctx.RequestAborted));
            if (settings is null)
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ctx.Response.WriteJsonAsync(new ErrorBody("Error unmarshall settings", string.Join("; ", errors)),
                    SampleJson.Default.ErrorBody, ctx.RequestAborted);
                return;
            }
            state.Replace(settings);
            LogSettings(log, options.Name, settings.RequestRatio, settings.Pause.TotalSeconds);
            await ctx.Response.WriteJsonAsync(settings, SampleJson.Default.PortalSettings, ctx.RequestAborted);
        });
    }

    [LoggerMessage(7403, LogLevel.Information, "[{Portal}] New settings: request_ratio {Ratio}, a quote every {Seconds:0.###} s plus its own time")]
    private static partial void LogSettings(ILogger log, string portal, int ratio, double seconds);
}
