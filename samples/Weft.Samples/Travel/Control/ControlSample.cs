using Weft.Samples.Hosting;
using Weft.Samples.Http;
using Weft.Samples.Travel.Portal;

namespace Weft.Samples.Travel.Control;

/// <summary>
/// travel-control: <c>GET /status</c> gathers every portal's status (in parallel, sorted by
/// name; an unreachable portal shows as country "Atlantis" with <c>status.error</c> true),
/// <c>PUT /settings/{portal}</c> forwards a settings body to that portal, and <c>/console</c>
/// is the dashboard that uses both.
/// </summary>
public sealed partial class ControlSample : ISample
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A user's change of a portal's settings waits longer than the map's status polls: it is one call the user asked for, to a portal that may be busy starting up.</summary>
    private static readonly TimeSpan SettingsTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Where the demo puts a portal it cannot reach, [lon, lat]: the middle of the Atlantic.</summary>
    private static readonly double[] Atlantis = [-25.702539, 37.747909];

    public string Name => "control";

    public int DefaultPort => 8080;

    public Instance Configure(IServiceCollection services, EnvReader env)
    {
        services.AddSingleton(ControlOptions.FromEnvironment(env));
        services.AddSingleton(new ConsoleAssets(env.Text("WEBROOT")));
        return new Instance("control", env.Version("v1"));
    }

    public void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<ControlOptions>();
        var downstream = app.Services.GetRequiredService<Downstream>();
        var assets = app.Services.GetRequiredService<ConsoleAssets>();
        var log = app.Services.GetRequiredService<ILogger<ControlSample>>();

        app.MapGet("/status", async ctx =>
        {
            var all = await StatusesAsync(options, downstream, log, ctx.RequestAborted);
            Array.Sort(all, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            await ctx.Response.WriteJsonAsync(all, SampleJson.Default.PortalStatusArray, ctx.RequestAborted);
        });

        app.MapPut("/settings/{portal}", async ctx =>
        {
            var name = (string)ctx.Request.RouteValues["portal"]!;
            var ct = ctx.RequestAborted;
            var body = await ctx.Request.ReadTextAsync(ct);
            // Checked here too, so a bad body is refused with the same words whether or not the portal is up.
            var (_, errors) = PortalSettings.Default.Apply(body);
            if (errors.Count > 0)
            {
                await ProblemAsync(ctx, StatusCodes.Status400BadRequest, "Error unmarshall settings", string.Join("; ", errors));
                return;
            }
            var portal = options.Portals.FirstOrDefault(p => p.Name == name);
            if (portal is null)
            {
                await ProblemAsync(ctx, StatusCodes.Status404NotFound, $"Error portal {name} not found",
                    $"known portals: {string.Join(", ", options.Portals.Select(p => p.Name))}");
                return;
            }
            var r = await downstream.SendAsync(HttpMethod.Put, $"{portal.Url}/settings", Forwarded.None, body, SettingsTimeout, ct);
            if (r.Failure is not null)
            {
                LogPortalUnreachable(log, portal.Name, r.Describe());
                await ProblemAsync(ctx, StatusCodes.Status502BadGateway, $"Error sending settings to portal {name}", r.Describe());
                return;
            }
            LogSettingsSent(log, portal.Name, r.Status);
            // The portal's own answer: its settings after the change, or why it refused them.
            ctx.Response.StatusCode = r.Status;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(r.Body, ct);
        });

        app.MapGet("/", ctx => ServeAsync(ctx, assets, "index.html"));
        app.MapGet("/console", ctx => ServeAsync(ctx, assets, "index.html"));
        app.MapGet("/{file}", ctx => ServeAsync(ctx, assets, (string)ctx.Request.RouteValues["file"]!));
    }

    private static Task<PortalStatus[]> StatusesAsync(ControlOptions options, Downstream downstream, ILogger log, CancellationToken ct)
    {
        var calls = new Task<PortalStatus>[options.Portals.Length];
        for (var i = 0; i < calls.Length; i++)
            calls[i] = StatusOfAsync(options.Portals[i], downstream, log, ct);
        return Task.WhenAll(calls);
    }

    private static async Task<PortalStatus> StatusOfAsync(PortalAddress portal, Downstream downstream, ILogger log, CancellationToken ct)
    {
        var r = await downstream.GetAsync($"{portal.Url}/status", Forwarded.None, CallTimeout, ct);
        if (r.Ok && r.Json(SampleJson.Default.PortalStatus) is { } status)
            return status;
        LogPortalUnreachable(log, portal.Name, r.Describe());
        return new PortalStatus(portal.Name, Atlantis, "Atlantis", PortalSettings.Zero,
            new PortalActivity(RequestCounts.Zero, null, Error: true));
    }

    private static async Task ServeAsync(HttpContext ctx, ConsoleAssets assets, string file)
    {
        if (!await assets.TryServeAsync(ctx, file))
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static Task ProblemAsync(HttpContext ctx, int status, string error, string detail)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteJsonAsync(new ErrorBody(error, detail), SampleJson.Default.ErrorBody, ctx.RequestAborted);
    }

    [LoggerMessage(7501, LogLevel.Warning, "Portal {Portal} did not answer: {Reason}")]
    private static partial void LogPortalUnreachable(ILogger log, string portal, string reason);

    [LoggerMessage(7502, LogLevel.Information, "Sent new settings to portal {Portal}: it answered {Status}")]
    private static partial void LogSettingsSent(ILogger log, string portal, int status);
}
