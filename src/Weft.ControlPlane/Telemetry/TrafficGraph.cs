using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Discovery.Protocol;

namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// The workload traffic graph (Kiali's workload graph) from the stored metrics over a window:
/// one node per workload (plus "unknown" callers), one edge per caller, callee and service, with
/// request rate, 5xx rate and share, p50/p95/p99 latency, throughput and how much of it was mutual TLS.
/// The destination reporter is believed first (it saw what the workload really served), the
/// source reporter fills in for callees without a sidecar, as Kiali does.
/// </summary>
public static class TrafficGraph
{
    /// <summary>The graph from weftd's own store over the window ending at <paramref name="now"/>.</summary>
    public static JsonObject Build(MetricsStore store, IReadOnlyList<ProxyStatus> proxies, IReadOnlySet<string>? namespaces, TimeSpan duration, DateTimeOffset now)
    {
        var to = now.ToUnixTimeMilliseconds();
        var rings = store.SeriesFor(duration).Where(r => namespaces is null || namespaces.Contains(r.Info.SourceNamespace) || namespaces.Contains(r.Info.DestinationNamespace));
        return Build(MetricsStore.Window(rings, to - (long)duration.TotalMilliseconds, to), proxies, namespaces, duration, now);
    }

    /// <summary>The graph from each series' rate and increase over the window, wherever they were computed (weftd's store or a Prometheus).</summary>
    public static JsonObject Build(IEnumerable<SeriesSample> samples, IReadOnlyList<ProxyStatus> proxies, IReadOnlySet<string>? namespaces, TimeSpan duration, DateTimeOffset now)
    {
        var edges = new Dictionary<(string Reporter, EdgeKey Key), EdgeSums>();
        var nodes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var s = sample.Info;
            if (namespaces is not null && !namespaces.Contains(s.SourceNamespace) && !namespaces.Contains(s.DestinationNamespace))
                continue;
            var rate = sample.Rate;
            var increase = sample.Increase;
            var key = new EdgeKey(Id(s.SourceNamespace, s.SourceWorkload), Id(s.DestinationNamespace, s.DestinationWorkload), s.DestinationService);
            if (!edges.TryGetValue((s.Reporter, key), out var sums))
                edges[(s.Reporter, key)] = sums = new EdgeSums();
            Node(nodes, s.SourceNamespace, s.SourceWorkload, s.SourceApp, s.SourceVersion, proxies);
            Node(nodes, s.DestinationNamespace, s.DestinationWorkload, s.DestinationApp, s.DestinationVersion, proxies);
            switch (s.Metric)
            {
                case "istio_requests_total":
                    sums.Requests += rate;
                    sums.Protocol = "http";
                    if (s.ResponseCode.Length > 0 && (s.ResponseCode[0] == '5' || s.ResponseCode == "0"))
                        sums.Errors += rate;
                    if (s.SecurityPolicy == "mutual_tls")
                        sums.MutualTls += rate;
                    sums.Codes[s.ResponseCode] = sums.Codes.GetValueOrDefault(s.ResponseCode) + rate;
                    break;
                case "istio_request_duration_milliseconds_bucket":
                    sums.Buckets[s.Le] = sums.Buckets.GetValueOrDefault(s.Le) + increase;
                    break;
                case "istio_request_bytes_sum":
                case "istio_response_bytes_sum":
                    sums.Bytes += rate;
                    break;
                case "istio_tcp_sent_bytes_total":
                case "istio_tcp_received_bytes_total":
                    sums.Bytes += rate;
                    sums.Protocol ??= "tcp";
                    if (s.SecurityPolicy == "mutual_tls")
                        sums.TcpMutualTls = true;
                    break;
            }
        }

        var result = new JsonArray();
        foreach (var key in edges.Keys.Select(k => k.Key).Distinct().OrderBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Target, StringComparer.Ordinal).ThenBy(k => k.Service, StringComparer.Ordinal))
        {
            // The destination reporter when it saw anything, else the source's.
            var sums = edges.TryGetValue(("destination", key), out var d) && (d.Requests > 0 || d.Bytes > 0) ? d
                : edges.GetValueOrDefault(("source", key)) ?? d;
            if (sums is null)
                continue;
            var codes = new JsonObject();
            foreach (var (code, r) in sums.Codes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                codes[code] = Round(r);
            result.Add(new JsonObject
            {
                ["source"] = key.Source,
                ["target"] = key.Target,
                ["service"] = key.Service,
                ["protocol"] = sums.Protocol ?? "http",
                ["requestRate"] = Round(sums.Requests),
                ["errorRate"] = Round(sums.Errors),
                ["errorPercent"] = sums.Requests > 0 ? Round(100 * sums.Errors / sums.Requests) : 0,
                ["p50Ms"] = Quantile(sums.Buckets, 0.5) is { } p50 ? Round(p50) : null,
                ["p95Ms"] = Quantile(sums.Buckets, 0.95) is { } p ? Round(p) : null,
                ["p99Ms"] = Quantile(sums.Buckets, 0.99) is { } p99 ? Round(p99) : null,
                ["throughputBytesPerSecond"] = Round(sums.Bytes),
                ["mtlsPercent"] = sums.Requests > 0 ? Round(100 * sums.MutualTls / sums.Requests) : sums.TcpMutualTls ? 100 : 0,
                ["responseCodes"] = codes,
            });
        }
        return new JsonObject
        {
            ["apiVersion"] = "weft.io/v1",
            ["kind"] = "TrafficGraph",
            ["duration"] = $"{(long)duration.TotalSeconds}s",
            ["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture),
            ["namespaces"] = namespaces is null ? null : new JsonArray([.. namespaces.Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]),
            ["nodes"] = new JsonArray([.. nodes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (JsonNode)kv.Value)]),
            ["edges"] = result,
        };
    }

    private static string Id(string ns, string workload) => workload == "unknown" ? "unknown" : $"{ns}/{workload}";

    private static void Node(Dictionary<string, JsonObject> nodes, string ns, string workload, string app, string version, IReadOnlyList<ProxyStatus> proxies)
    {
        var id = Id(ns, workload);
        if (nodes.ContainsKey(id))
            return;
        var proxy = proxies.FirstOrDefault(p => p.Node.Name == workload && p.Node.Namespace == ns);
        nodes[id] = workload == "unknown"
            ? new JsonObject { ["id"] = id, ["workload"] = "unknown", ["unknown"] = true }
            : new JsonObject
            {
                ["id"] = id,
                ["namespace"] = ns,
                ["workload"] = workload,
                ["app"] = app,
                ["version"] = version,
                ["kind"] = proxy?.Node.Kind,
                ["mode"] = proxy?.Node.Mode.ToString(),
                ["hasSidecar"] = proxy is not null,
            };
    }

    /// <summary>Prometheus' histogram_quantile over bucket increases (le to count, cumulative).</summary>
    public static double? Quantile(Dictionary<double, double> buckets, double q)
    {
        if (buckets.Count == 0)
            return null;
        var ordered = buckets.OrderBy(kv => kv.Key).ToList();
        var total = ordered[^1].Value;
        if (total <= 0)
            return null;
        var rank = q * total;
        double lowerBound = 0, lowerCount = 0;
        foreach (var (le, count) in ordered)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(le))
                    return lowerBound;
                return lowerBound + (le - lowerBound) * ((rank - lowerCount) / Math.Max(count - lowerCount, double.Epsilon));
            }
            lowerBound = le;
            lowerCount = count;
        }
        return lowerBound;
    }

    private static double Round(double v) => Math.Round(v, 4);

    private readonly record struct EdgeKey(string Source, string Target, string Service);

    private sealed class EdgeSums
    {
        public double Requests;
        public double Errors;
        public double MutualTls;
        public double Bytes;
        public bool TcpMutualTls;
        public string? Protocol;
        public Dictionary<string, double> Codes { get; } = new(StringComparer.Ordinal);
        public Dictionary<double, double> Buckets { get; } = [];
    }
}
