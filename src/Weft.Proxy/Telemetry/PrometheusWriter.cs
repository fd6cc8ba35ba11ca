using System.Globalization;
using System.Text;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// Writes the metrics in Prometheus' text exposition format 0.0.4, or OpenMetrics 1.0.0 (counter
/// families named without <c>_total</c>, <c># EOF</c> at the end). Series whose labels render the
/// same are added together, so an exposition never repeats a label set. Runs per scrape, not per
/// request: allocation here is fine.
/// </summary>
public static class PrometheusWriter
{
    public const string TextContentType = "text/plain; version=0.0.4; charset=utf-8";
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /// <summary>Whether an Accept header asks for OpenMetrics (what Prometheus sends first when it may).</summary>
    public static bool WantsOpenMetrics(string? accept)
        => accept is not null && accept.Contains("application/openmetrics-text", StringComparison.OrdinalIgnoreCase);

    public static void Write(StringBuilder sb, IstioMetrics metrics, bool openMetrics, MetricRewriter? rewriter = null)
    {
        rewriter ??= MetricRewriter.None;
        var httpSeries = metrics.HttpEdges.SelectMany(e => e.Series).ToList();
        var tcpSeries = metrics.TcpEdges.SelectMany(e => e.Series).ToList();
        var requests = Merge(httpSeries, s => rewriter.Rewrite("REQUEST_COUNT", s.Labels));
        Counter(sb, "istio_requests_total", openMetrics, requests.Select(g => (g.Key, g.Value.Sum(s => Interlocked.Read(ref s.Requests)))));
        HistogramFamily(sb, "istio_request_duration_milliseconds", Merge(httpSeries, s => rewriter.Rewrite("REQUEST_DURATION", s.Labels)), s => s.Duration);
        HistogramFamily(sb, "istio_request_bytes", Merge(httpSeries, s => rewriter.Rewrite("REQUEST_SIZE", s.Labels)), s => s.RequestBytes);
        HistogramFamily(sb, "istio_response_bytes", Merge(httpSeries, s => rewriter.Rewrite("RESPONSE_SIZE", s.Labels)), s => s.ResponseBytes);
        Counter(sb, "istio_tcp_sent_bytes_total", openMetrics, Merge(tcpSeries, s => rewriter.Rewrite("TCP_SENT_BYTES", s.Labels))
            .Select(g => (g.Key, g.Value.Sum(s => Interlocked.Read(ref s.SentBytes)))));
        Counter(sb, "istio_tcp_received_bytes_total", openMetrics, Merge(tcpSeries, s => rewriter.Rewrite("TCP_RECEIVED_BYTES", s.Labels))
            .Select(g => (g.Key, g.Value.Sum(s => Interlocked.Read(ref s.ReceivedBytes)))));
        Counter(sb, "istio_tcp_connections_opened_total", openMetrics, Merge(tcpSeries, s => rewriter.Rewrite("TCP_OPENED_CONNECTIONS", s.Labels))
            .Select(g => (g.Key, g.Value.Sum(s => Interlocked.Read(ref s.Opened)))));
        Counter(sb, "istio_tcp_connections_closed_total", openMetrics, Merge(tcpSeries, s => rewriter.Rewrite("TCP_CLOSED_CONNECTIONS", s.Labels))
            .Select(g => (g.Key, g.Value.Sum(s => Interlocked.Read(ref s.Closed)))));
    }

    // Groups series by their (rewritten) labels; a null label set is a disabled metric, left out.
    private static List<KeyValuePair<string, List<T>>> Merge<T>(IEnumerable<T> series, Func<T, string?> labels)
    {
        var byLabels = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            var key = labels(s);
            if (key is null)
                continue;
            if (!byLabels.TryGetValue(key, out var list))
                byLabels[key] = list = [];
            list.Add(s);
        }
        return [.. byLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal)];
    }

    private static void Counter(StringBuilder sb, string name, bool openMetrics, IEnumerable<(string Labels, long Value)> samples)
    {
        var first = true;
        var c = CultureInfo.InvariantCulture;
        foreach (var (labels, value) in samples)
        {
            if (first)
            {
                sb.Append("# TYPE ").Append(openMetrics ? name[..^"_total".Length] : name).Append(" counter\n");
                first = false;
            }
            sb.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString(c)).Append('\n');
        }
    }

    private static void HistogramFamily(StringBuilder sb, string name, List<KeyValuePair<string, List<HttpSeries>>> series, Func<HttpSeries, Histogram> pick)
    {
        if (series.Count == 0)
            return;
        var c = CultureInfo.InvariantCulture;
        sb.Append("# TYPE ").Append(name).Append(" histogram\n");
        foreach (var (labels, list) in series)
        {
            var bounds = pick(list[0]).Bounds;
            long cumulative = 0;
            double sum = 0;
            foreach (var s in list)
                sum += pick(s).Sum;
            for (var i = 0; i <= bounds.Length; i++)
            {
                foreach (var s in list)
                    cumulative += pick(s).BucketCount(i);
                sb.Append(name).Append("_bucket{").Append(labels).Append(",le=\"")
                  .Append(i < bounds.Length ? bounds[i].ToString(c) : "+Inf").Append("\"} ").Append(cumulative.ToString(c)).Append('\n');
            }
            sb.Append(name).Append("_sum{").Append(labels).Append("} ").Append(sum.ToString(c)).Append('\n');
            sb.Append(name).Append("_count{").Append(labels).Append("} ").Append(cumulative.ToString(c)).Append('\n');
        }
    }
}
