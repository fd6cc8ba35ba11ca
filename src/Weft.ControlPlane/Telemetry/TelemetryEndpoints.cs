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
public static partial class TelemetryEndpoints
{
    public const string TargetsPath = "/apis/weft.io/v1/prometheus/targets";
    public const string GraphPath = "/apis/weft.io/v1/metrics/graph";
    public const string WorkloadMetricsPattern = "/apis/weft.io/v1/metrics/namespaces/{ns}/workloads/{name}";
    public const string ServiceMetricsPattern = "/apis/weft.io/v1/metrics/namespaces/{ns}/services/{name}";

    /// <summary>How long scraped samples are kept: the longest graph window the console asks for.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    /// <summary>How long one sample a minute is kept: the longest window weftd answers without a Prometheus.</summary>
    public static readonly TimeSpan LongRetention = TimeSpan.FromHours(1);

    /// <summary>How far back a Prometheus-backed point looks besides its step (Prometheus' default scrape interval: a rate needs two samples).</summary>
    public static readonly TimeSpan PrometheusLookBack = TimeSpan.FromSeconds(15);

    public static MetricsStore Map(WebApplication app, DiscoveryHost discovery, TimeSpan scrapeInterval, TimeProvider time, ILoggerFactory loggers, Uri? prometheusUrl = null)
    {
        var store = new MetricsStore(Retention, scrapeInterval, longRetention: LongRetention);
        var prometheus = prometheusUrl is null ? null : PrometheusBackend.Create(prometheusUrl);
        if (prometheus is not null)
            LogPrometheus(loggers.CreateLogger(typeof(TelemetryEndpoints).FullName!), prometheus.BaseUrl);
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
            if (Backend(ctx, prometheus) is not { } backend)
            {
                await BadRequestAsync(ctx, SourceProblem(ctx));
                return;
            }
            var max = backend.Prometheus is null ? LongRetention : PrometheusBackend.MaxWindow;
            var durationText = ctx.Request.Query["duration"].ToString();
            var duration = durationText.Length == 0 ? TimeSpan.FromSeconds(60) : ParseDuration(durationText);
            if (duration is not { } d || d <= TimeSpan.Zero || d > max)
            {
                await BadRequestAsync(ctx, DurationProblem(durationText, backend.Prometheus));
                return;
            }
            var ns = ctx.Request.Query["namespaces"].ToString();
            IReadOnlySet<string>? namespaces = ns.Length == 0 ? null
                : new HashSet<string>(ns.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            var now = time.GetUtcNow();
            JsonObject graph;
            if (backend.Prometheus is { } prom)
            {
                List<SeriesSample> samples;
                try
                {
                    samples = await prom.InstantAsync(MetricsStore.Kept, "", d, now, ctx.RequestAborted);
                }
                catch (Exception e) when (PrometheusFailed(e, ctx))
                {
                    await UnavailableAsync(ctx, prom, e);
                    return;
                }
                graph = TrafficGraph.Build(samples, discovery.Server.Proxies, namespaces, d, now);
            }
            else
                graph = TrafficGraph.Build(store, discovery.Server.Proxies, namespaces, d, now);
            Describe(graph, backend.Prometheus, prometheus);
            await HttpJson.WriteAsync(ctx, 200, graph);
        }));

        app.MapGet(WorkloadMetricsPattern, (RequestDelegate)(ctx => MetricsAsync(ctx, store, prometheus, time, service: false)));
        app.MapGet(ServiceMetricsPattern, (RequestDelegate)(ctx => MetricsAsync(ctx, store, prometheus, time, service: true)));
        Traces.TraceEndpoints.Map(app, new Traces.TraceStore(), time);
        return store;
    }

    private static async Task MetricsAsync(HttpContext ctx, MetricsStore store, PrometheusBackend? configured, TimeProvider time, bool service)
    {
        var ns = (string)ctx.Request.RouteValues["ns"]!;
        var name = (string)ctx.Request.RouteValues["name"]!;
        var q = ctx.Request.Query;
        var durationText = q["duration"].ToString();
        var stepText = q["step"].ToString();
        var directionText = q["direction"].ToString();
        var duration = durationText.Length == 0 ? TimeSpan.FromMinutes(5) : ParseDuration(durationText);
        var step = stepText.Length == 0 ? TimeSpan.FromSeconds(15) : ParseDuration(stepText);
        var backend = Backend(ctx, configured);
        var max = backend?.Prometheus is null ? LongRetention : PrometheusBackend.MaxWindow;
        string? problem = null;
        if (backend is null)
            problem = SourceProblem(ctx);
        else if (duration is not { } d || d <= TimeSpan.Zero || d > max)
            problem = DurationProblem(durationText, backend.Prometheus);
        else if (step is not { } st || st < store.Interval || st > d)
            problem = $"cannot use '{stepText}' for parameter 'step': expected a duration from the scrape interval ({(int)store.Interval.TotalSeconds}s) to the window ({(long)d.TotalSeconds}s)";
        else if (backend.Prometheus is null && st < store.IntervalFor(d))
            problem = $"cannot use '{stepText}' for parameter 'step' over '{durationText}': past {(int)Retention.TotalMinutes}m weftd keeps one sample a minute, so the step is at least 60s";
        else if (WorkloadMetrics.PointCount(d, st) > MaxPoints)
            problem = $"cannot use '{stepText}' for parameter 'step' over '{durationText}': that is {WorkloadMetrics.PointCount(d, st)} points, at most {MaxPoints} (take a longer step)";
        else if (directionText is not ("" or "inbound" or "outbound"))
            problem = $"cannot parse '{directionText}' for parameter 'direction': expected inbound or outbound";
        else if (service && directionText == "outbound")
            problem = "a service has no outbound metrics of its own: ask for its workloads' (metrics/namespaces/NS/workloads/NAME?direction=outbound)";
        if (problem is not null)
        {
            await BadRequestAsync(ctx, problem);
            return;
        }
        var target = service ? new WorkloadMetrics.Target(ns, null, name) : new WorkloadMetrics.Target(ns, name, null);
        var direction = directionText == "outbound" ? WorkloadMetrics.Direction.Outbound : WorkloadMetrics.Direction.Inbound;
        var now = time.GetUtcNow();
        JsonObject metrics;
        if (backend!.Prometheus is { } prom)
        {
            // What the tabs read: requests and durations, of the reporter that saw this side.
            string[] families = ["istio_requests_total", "istio_request_duration_milliseconds_bucket"];
            var selector = direction == WorkloadMetrics.Direction.Inbound ? "{reporter=\"destination\"}" : "{reporter=\"source\"}";
            var to = now.ToUnixTimeMilliseconds();
            var stepMs = (long)step!.Value.TotalMilliseconds;
            var points = WorkloadMetrics.PointCount(duration!.Value, step.Value);
            var lookBack = PrometheusLookBack;
            Dictionary<long, List<SeriesSample>> series;
            List<SeriesSample> totals;
            try
            {
                var range = prom.RangeAsync(families, selector, step.Value + lookBack, to - (points - 1) * stepMs, to, step.Value, ctx.RequestAborted);
                var total = prom.InstantAsync(families, selector, duration.Value, now, ctx.RequestAborted);
                series = await range;
                totals = await total;
            }
            catch (Exception e) when (PrometheusFailed(e, ctx))
            {
                await UnavailableAsync(ctx, prom, e);
                return;
            }
            var fromMs = to - (long)duration.Value.TotalMilliseconds;
            metrics = WorkloadMetrics.Build((f, t) => f == fromMs && t == to ? totals : series.GetValueOrDefault(t) ?? [],
                lookBack, target, direction, duration.Value, step.Value, now);
        }
        else
            metrics = WorkloadMetrics.Build(store, target, direction, duration!.Value, step!.Value, now);
        Describe(metrics, backend.Prometheus, configured);
        await HttpJson.WriteAsync(ctx, 200, metrics);
    }

    /// <summary>The most points one metrics answer has (Prometheus refuses more than 11,000 per series).</summary>
    public const int MaxPoints = 1000;

    /// <summary>Which store answers: <c>?source=prometheus</c> (the default when one is configured) or <c>?source=weftd</c>; null: an unknown or unavailable source.</summary>
    private static Source? Backend(HttpContext ctx, PrometheusBackend? configured)
        => ctx.Request.Query["source"].ToString() switch
        {
            "" => new Source(configured),
            "weftd" => new Source(null),
            "prometheus" when configured is not null => new Source(configured),
            _ => null,
        };

    /// <summary>The store one request reads: a Prometheus, or weftd's own (null).</summary>
    private sealed record Source(PrometheusBackend? Prometheus);

    private static string SourceProblem(HttpContext ctx)
    {
        var text = ctx.Request.Query["source"].ToString();
        return text == "prometheus"
            ? "cannot use 'prometheus' for parameter 'source': weftd was started without --prometheus-url, so only its own store ('weftd') answers"
            : $"cannot parse '{text}' for parameter 'source': expected weftd (weftd's own scrapes) or prometheus (the Prometheus of --prometheus-url)";
    }

    private static string DurationProblem(string text, PrometheusBackend? prometheus) => prometheus is null
        ? $"cannot parse '{text}' for parameter 'duration': expected a duration such as 60s, 5m or 1h, at most {(int)LongRetention.TotalMinutes}m (what weftd keeps; start weftd with --prometheus-url for longer windows)"
        : $"cannot parse '{text}' for parameter 'duration': expected a duration such as 60s, 30m or 1h, at most {(int)PrometheusBackend.MaxWindow.TotalHours}h";

    /// <summary>Says where the numbers came from and the longest window there, so the console offers only windows that work.</summary>
    private static void Describe(JsonObject answer, PrometheusBackend? used, PrometheusBackend? configured)
    {
        answer["metricsSource"] = used is null ? "weftd" : "prometheus";
        answer["maxDuration"] = $"{(long)(used is null ? LongRetention : PrometheusBackend.MaxWindow).TotalSeconds}s";
        answer["prometheusUrl"] = configured?.BaseUrl.ToString();
    }

    private static bool PrometheusFailed(Exception e, HttpContext ctx)
        => e is HttpRequestException or PrometheusQueryException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException
            || (e is TaskCanceledException && !ctx.RequestAborted.IsCancellationRequested);

    private static Task UnavailableAsync(HttpContext ctx, PrometheusBackend prom, Exception e)
        => HttpJson.WriteAsync(ctx, 503, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "ServiceUnavailable", ["code"] = 503,
            ["message"] = $"cannot query the Prometheus at {prom.BaseUrl} (--prometheus-url): {(e is TaskCanceledException ? "no answer in 10 s" : e.Message)}; ?source=weftd reads weftd's own last {(int)LongRetention.TotalMinutes} minutes",
        });

    private static Task BadRequestAsync(HttpContext ctx, string message)
        => HttpJson.WriteAsync(ctx, 400, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "BadRequest", ["code"] = 400, ["message"] = message,
        });

    /// <summary>Prometheus-style durations: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>1500ms</c>; a bare number is seconds.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        (string Suffix, double Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                return TimeSpan.FromMilliseconds(v * ms);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) ? TimeSpan.FromSeconds(secs) : null;
    }

    [LoggerMessage(7102, LogLevel.Information, "The console's graph and metrics are answered from the Prometheus at {Url} (PromQL over its HTTP API); ?source=weftd reads weftd's own scrapes")]
    private static partial void LogPrometheus(ILogger log, Uri url);
}
