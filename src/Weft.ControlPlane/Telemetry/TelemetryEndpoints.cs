using System.Globalization;
using System.Text.Json.Nodes;
using Weft.ControlPlane.Http;
using Weft.ControlPlane.Push;

namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// weftd's telemetry API (token-protected like the rest of the REST API):
/// <list type="bullet">
/// <item><c>GET /apis/weft.io/v1/prometheus/targets</c>: Prometheus HTTP service discovery
/// (http_sd_configs), one target group per connected proxy: its stats address, labelled with
/// <c>namespace</c>, <c>workload</c>, <c>kind</c> and <c>__metrics_path__</c>.</item>
/// <item><c>GET /apis/weft.io/v1/metrics/graph?namespaces=a,b&amp;duration=60s</c>: the traffic
/// graph from weftd's own scrapes (<see cref="TrafficGraph"/>).</item>
/// <item><c>GET /apis/weft.io/v1/metrics/namespaces/NS/workloads/NAME</c> and <c>.../services/NAME</c>
/// <c>?direction=inbound|outbound&amp;duration=5m&amp;step=15s</c>: one workload's or service's
/// request, error and duration series (<see cref="WorkloadMetrics"/>), Kiali's metrics tabs.</item>
/// </list>
/// Starts the scraper with the host and stops it with it.
/// </summary>
public static class TelemetryEndpoints
{
    public const string TargetsPath = "/apis/weft.io/v1/prometheus/targets";
    public const string GraphPath = "/apis/weft.io/v1/metrics/graph";
    public const string WorkloadMetricsPattern = "/apis/weft.io/v1/metrics/namespaces/{ns}/workloads/{name}";
    public const string ServiceMetricsPattern = "/apis/weft.io/v1/metrics/namespaces/{ns}/services/{name}";

    /// <summary>How long scraped samples are kept: the longest graph window the console asks for.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    public static MetricsStore Map(WebApplication app, DiscoveryHost discovery, TimeSpan scrapeInterval, TimeProvider time, ILoggerFactory loggers)
    {
        var store = new MetricsStore(Retention, scrapeInterval);
        var scraper = new MetricsScraper(discovery, store, time, loggers.CreateLogger<MetricsScraper>());
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => scraper.RunAsync(stop.Token)));
        lifetime.ApplicationStopped.Register(stop.Dispose);

        app.MapGet(TargetsPath, (RequestDelegate)(async ctx =>
        {
            var groups = new JsonArray();
            foreach (var p in discovery.Server.Proxies.Where(p => p.Connected).OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                if (MetricsScraper.TargetOf(p.Node) is not { } target)
                    continue;
                groups.Add(new JsonObject
                {
                    ["targets"] = new JsonArray(target),
                    ["labels"] = new JsonObject
                    {
                        ["__metrics_path__"] = "/stats/prometheus",
                        ["namespace"] = p.Node.Namespace,
                        ["workload"] = p.Node.Name,
                        ["kind"] = p.Node.Kind,
                        ["proxy_mode"] = p.Node.Mode.ToString(),
                    },
                });
            }
            await HttpJson.WriteAsync(ctx, 200, groups);
        }));

        app.MapGet(GraphPath, (RequestDelegate)(async ctx =>
        {
            var durationText = ctx.Request.Query["duration"].ToString();
            var duration = durationText.Length == 0 ? TimeSpan.FromSeconds(60) : ParseDuration(durationText);
            if (duration is not { } d || d <= TimeSpan.Zero || d > Retention)
            {
                await HttpJson.WriteAsync(ctx, 400, new JsonObject
                {
                    ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "BadRequest", ["code"] = 400,
                    ["message"] = $"cannot parse '{durationText}' for parameter 'duration': expected a duration such as 60s or 5m, at most {(int)Retention.TotalMinutes}m (what weftd keeps)",
                });
                return;
            }
            var ns = ctx.Request.Query["namespaces"].ToString();
            IReadOnlySet<string>? namespaces = ns.Length == 0 ? null
                : new HashSet<string>(ns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            await HttpJson.WriteAsync(ctx, 200, TrafficGraph.Build(store, discovery.Server.Proxies, namespaces, d, time.GetUtcNow()));
        }));

        app.MapGet(WorkloadMetricsPattern, (RequestDelegate)(ctx => MetricsAsync(ctx, store, time, service: false)));
        app.MapGet(ServiceMetricsPattern, (RequestDelegate)(ctx => MetricsAsync(ctx, store, time, service: true)));
        Traces.TraceEndpoints.Map(app, new Traces.TraceStore(), time);
        return store;
    }

    private static async Task MetricsAsync(HttpContext ctx, MetricsStore store, TimeProvider time, bool service)
    {
        var ns = (string)ctx.Request.RouteValues["ns"]!;
        var name = (string)ctx.Request.RouteValues["name"]!;
        var q = ctx.Request.Query;
        var durationText = q["duration"].ToString();
        var stepText = q["step"].ToString();
        var directionText = q["direction"].ToString();
        var duration = durationText.Length == 0 ? TimeSpan.FromMinutes(5) : ParseDuration(durationText);
        var step = stepText.Length == 0 ? TimeSpan.FromSeconds(15) : ParseDuration(stepText);
        string? problem = null;
        if (duration is not { } d || d <= TimeSpan.Zero || d > Retention)
            problem = $"cannot parse '{durationText}' for parameter 'duration': expected a duration such as 60s or 5m, at most {(int)Retention.TotalMinutes}m (what weftd keeps)";
        else if (step is not { } st || st < store.Interval || st > d)
            problem = $"cannot use '{stepText}' for parameter 'step': expected a duration from the scrape interval ({(int)store.Interval.TotalSeconds}s) to the window ({(long)d.TotalSeconds}s)";
        else if (directionText is not ("" or "inbound" or "outbound"))
            problem = $"cannot parse '{directionText}' for parameter 'direction': expected inbound or outbound";
        else if (service && directionText == "outbound")
            problem = "a service has no outbound metrics of its own: ask for its workloads' (metrics/namespaces/NS/workloads/NAME?direction=outbound)";
        if (problem is not null)
        {
            await HttpJson.WriteAsync(ctx, 400, new JsonObject
            {
                ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "BadRequest", ["code"] = 400, ["message"] = problem,
            });
            return;
        }
        var target = service ? new WorkloadMetrics.Target(ns, null, name) : new WorkloadMetrics.Target(ns, name, null);
        var direction = directionText == "outbound" ? WorkloadMetrics.Direction.Outbound : WorkloadMetrics.Direction.Inbound;
        await HttpJson.WriteAsync(ctx, 200, WorkloadMetrics.Build(store, target, direction, duration!.Value, step!.Value, time.GetUtcNow()));
    }

    /// <summary>Prometheus-style durations: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>1500ms</c>; a bare number is seconds.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        (string Suffix, double Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                return TimeSpan.FromMilliseconds(v * ms);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) ? TimeSpan.FromSeconds(secs) : null;
    }
}
