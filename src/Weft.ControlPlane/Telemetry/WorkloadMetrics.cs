using System.Globalization;
using System.Text.Json.Nodes;

namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// Kiali's metrics tab for one workload or service from weftd's store: request rate, 5xx and 4xx
/// rates and p50/p95/p99 duration, per step over the window, inbound (what it served, as its own
/// sidecar reported it) or outbound (what it called, as its sidecar reported it). Each point is the
/// rate over the step plus one scrape interval, as Prometheus' <c>rate(x[step])</c> at each step.
/// </summary>
public static class WorkloadMetrics
{
    public enum Direction { Inbound, Outbound }

    /// <summary>What the series are selected by: a workload, or a service host (<c>NAME.NS.</c>...).</summary>
    public sealed record Target(string Namespace, string? Workload, string? Service);

    private static readonly string[] Names = ["requestRate", "errorRate", "clientErrorRate", "p50Ms", "p95Ms", "p99Ms"];

    public static JsonObject Build(MetricsStore store, Target target, Direction direction, TimeSpan duration, TimeSpan step, DateTimeOffset now)
    {
        var rings = store.SeriesFor(duration).Where(r => Selects(r.Info, target, direction)).ToList();
        return Build((from, to) => MetricsStore.Window(rings, from, to), store.IntervalFor(duration), target, direction, duration, step, now);
    }

    /// <summary>
    /// The series from <paramref name="window"/>, which gives every series' rate and increase between
    /// two instants (weftd's store, or a Prometheus' answers fetched beforehand); each point is the
    /// rate over the step plus <paramref name="lookBack"/>.
    /// </summary>
    public static JsonObject Build(Func<long, long, IEnumerable<SeriesSample>> window, TimeSpan lookBack, Target target, Direction direction, TimeSpan duration, TimeSpan step, DateTimeOffset now)
    {
        var to = now.ToUnixTimeMilliseconds();
        var from = to - (long)duration.TotalMilliseconds;
        var stepMs = (long)step.TotalMilliseconds;
        var rangeMs = stepMs + (long)lookBack.TotalMilliseconds;
        var points = PointCount(duration, step);
        IEnumerable<SeriesSample> Series(long f, long t) => window(f, t).Where(s => Selects(s.Info, target, direction));

        var timestamps = new JsonArray();
        var columns = Names.ToDictionary(n => n, _ => new JsonArray(), StringComparer.Ordinal);
        for (var i = points - 1; i >= 0; i--)
        {
            var t = to - i * stepMs;
            timestamps.Add(t);
            var p = Point(Series(t - rangeMs, t));
            columns["requestRate"].Add(p.Requests);
            columns["errorRate"].Add(p.Errors);
            columns["clientErrorRate"].Add(p.ClientErrors);
            columns["p50Ms"].Add(p.P50);
            columns["p95Ms"].Add(p.P95);
            columns["p99Ms"].Add(p.P99);
        }
        var total = Point(Series(from, to));
        var values = new JsonObject();
        foreach (var (name, column) in columns)
            values[name] = column;
        return new JsonObject
        {
            ["apiVersion"] = "weft.io/v1",
            ["kind"] = "WorkloadMetrics",
            ["namespace"] = target.Namespace,
            ["workload"] = target.Workload,
            ["service"] = target.Service,
            ["direction"] = direction == Direction.Inbound ? "inbound" : "outbound",
            ["duration"] = $"{(long)duration.TotalSeconds}s",
            ["step"] = $"{(long)step.TotalSeconds}s",
            ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["timestamps"] = timestamps,
            ["series"] = values,
            ["totals"] = new JsonObject
            {
                ["requestRate"] = total.Requests, ["errorRate"] = total.Errors, ["clientErrorRate"] = total.ClientErrors,
                ["p50Ms"] = total.P50, ["p95Ms"] = total.P95, ["p99Ms"] = total.P99,
            },
        };
    }

    /// <summary>
    /// Inbound: the destination reporter's series of calls into the target. Outbound: the source
    /// reporter's series of the target's calls. Each side is reported once, by the sidecar that saw it.
    /// </summary>
    public static bool Selects(SeriesInfo s, Target target, Direction direction)
    {
        if (direction == Direction.Inbound)
        {
            if (s.Reporter != "destination")
                return false;
            return target.Service is { } svc
                ? s.DestinationService == svc || s.DestinationService.StartsWith($"{svc}.{target.Namespace}.", StringComparison.Ordinal)
                : s.DestinationNamespace == target.Namespace && s.DestinationWorkload == target.Workload;
        }
        if (s.Reporter != "source")
            return false;
        // A service's outbound traffic is its workloads': only a workload has a caller side.
        return target.Workload is not null && s.SourceNamespace == target.Namespace && s.SourceWorkload == target.Workload;
    }

    private readonly record struct Values(double? Requests, double? Errors, double? ClientErrors, double? P50, double? P95, double? P99);

    /// <summary>How many points a window has: one per step, at least one.</summary>
    public static int PointCount(TimeSpan duration, TimeSpan step) => (int)Math.Max(1, (long)duration.TotalMilliseconds / (long)step.TotalMilliseconds);

    private static Values Point(IEnumerable<SeriesSample> series)
    {
        double requests = 0, errors = 0, clientErrors = 0;
        var seen = false;
        var buckets = new Dictionary<double, double>();
        foreach (var sample in series)
        {
            var s = sample.Info;
            if (s.Metric is not ("istio_requests_total" or "istio_request_duration_milliseconds_bucket"))
                continue;
            var increase = sample.Increase;
            if (s.Metric == "istio_requests_total")
            {
                seen = true;
                var rate = sample.Rate;
                requests += rate;
                if (s.ResponseCode.Length > 0 && (s.ResponseCode[0] == '5' || s.ResponseCode == "0"))
                    errors += rate;
                else if (s.ResponseCode.Length > 0 && s.ResponseCode[0] == '4')
                    clientErrors += rate;
            }
            else
                buckets[s.Le] = buckets.GetValueOrDefault(s.Le) + increase;
        }
        if (!seen)
            return new Values(null, null, null, null, null, null);
        return new Values(Round(requests), Round(errors), Round(clientErrors),
            Round(TrafficGraph.Quantile(buckets, 0.5)), Round(TrafficGraph.Quantile(buckets, 0.95)), Round(TrafficGraph.Quantile(buckets, 0.99)));
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;
}
