using System.Globalization;
using System.Text.Json;

namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// The console's metrics from a Prometheus that scrapes the mesh (weftd <c>--prometheus-url</c>), as
/// Kiali reads them: PromQL over its HTTP API, <c>sum by (edge labels) (rate(x[WINDOW]))</c> per
/// Istio family, instant queries for the graph and the totals, <c>/api/v1/query_range</c> for the
/// metrics tabs' series. Answers become <see cref="SeriesSample"/>s, so the graph and the tabs are
/// computed by the same code as from weftd's own store, and windows are as long as Prometheus keeps.
/// </summary>
public sealed class PrometheusBackend(Uri baseUrl, HttpClient http)
{
    /// <summary>The longest window the console may ask a Prometheus for (Prometheus' default retention is 15 days; Kiali offers up to 30 days).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    /// <summary>The labels the graph and the tabs read (<see cref="MetricsStore.Info"/>): what every query keeps.</summary>
    public const string EdgeLabels = "reporter,source_workload,source_workload_namespace,source_app,source_version,"
        + "destination_workload,destination_workload_namespace,destination_app,destination_version,destination_service,"
        + "response_code,response_flags,connection_security_policy";

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>A client for <paramref name="baseUrl"/> (its own connection pool, 10 s per query, no proxy).</summary>
    public static PrometheusBackend Create(Uri baseUrl) => new(baseUrl,
        new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(10) });

    /// <summary>The PromQL of one family's rate over <paramref name="window"/>, summed by the edge labels (and <c>le</c> for a histogram's buckets).</summary>
    public static string Query(string metric, string selector, TimeSpan window)
    {
        var by = metric.EndsWith("_bucket", StringComparison.Ordinal) ? EdgeLabels + ",le" : EdgeLabels;
        return $"sum by ({by}) (rate({metric}{selector}[{(long)Math.Ceiling(window.TotalSeconds)}s]))";
    }

    /// <summary>Every family's rate over <paramref name="window"/> ending at <paramref name="at"/>, one instant query per family, all at once.</summary>
    public async Task<List<SeriesSample>> InstantAsync(IEnumerable<string> metrics, string selector, TimeSpan window, DateTimeOffset at, CancellationToken ct)
    {
        var answers = await Task.WhenAll(metrics.Select(async metric =>
        {
            var url = $"api/v1/query?query={Uri.EscapeDataString(Query(metric, selector, window))}&time={Seconds(at.ToUnixTimeMilliseconds())}";
            using var doc = await GetAsync(url, ct);
            var samples = new List<SeriesSample>();
            foreach (var r in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
                if (Value(r.GetProperty("value")) is { } rate)
                    samples.Add(new SeriesSample(MetricsStore.Info("prometheus", metric, Labels(r)), rate, rate * window.TotalSeconds));
            return samples;
        }));
        return [.. answers.SelectMany(a => a)];
    }

    /// <summary>
    /// Every family's rate over <paramref name="window"/> at each step from <paramref name="startMs"/> to
    /// <paramref name="endMs"/> (one range query per family), by the step's unix milliseconds.
    /// </summary>
    public async Task<Dictionary<long, List<SeriesSample>>> RangeAsync(IEnumerable<string> metrics, string selector, TimeSpan window, long startMs, long endMs, TimeSpan step, CancellationToken ct)
    {
        var byTime = new Dictionary<long, List<SeriesSample>>();
        var answers = await Task.WhenAll(metrics.Select(async metric =>
        {
            var url = $"api/v1/query_range?query={Uri.EscapeDataString(Query(metric, selector, window))}"
                + $"&start={Seconds(startMs)}&end={Seconds(endMs)}&step={Seconds((long)step.TotalMilliseconds)}";
            using var doc = await GetAsync(url, ct);
            var points = new List<(long At, SeriesSample Sample)>();
            foreach (var r in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                var info = MetricsStore.Info("prometheus", metric, Labels(r));
                foreach (var v in r.GetProperty("values").EnumerateArray())
                    if (Value(v) is { } rate)
                        points.Add(((long)Math.Round(v[0].GetDouble() * 1000), new SeriesSample(info, rate, rate * window.TotalSeconds)));
            }
            return points;
        }));
        foreach (var (at, sample) in answers.SelectMany(a => a))
        {
            if (!byTime.TryGetValue(at, out var list))
                byTime[at] = list = [];
            list.Add(sample);
        }
        return byTime;
    }

    private async Task<JsonDocument> GetAsync(string relative, CancellationToken ct)
    {
        var url = new Uri(BaseUrl, relative);
        using var response = await http.GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new PrometheusQueryException($"{BaseUrl} answered {(int)response.StatusCode} without Prometheus' JSON: {Clip(body)}");
        }
        if (doc.RootElement.TryGetProperty("status", out var status) && status.GetString() == "success")
            return doc;
        var error = doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : Clip(body);
        doc.Dispose();
        throw new PrometheusQueryException($"{BaseUrl} refused the query ({(int)response.StatusCode}): {error}");
    }

    private static Dictionary<string, string> Labels(JsonElement result)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in result.GetProperty("metric").EnumerateObject())
            labels[l.Name] = l.Value.GetString() ?? "";
        return labels;
    }

    // [time, "value"]: Prometheus writes values as strings ("NaN" when a rate had nothing to divide).
    private static double? Value(JsonElement pair)
    {
        var v = double.Parse(pair[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(v) ? v : null;
    }

    private static string Seconds(long unixMs) => (unixMs / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "..." : text;
}

/// <summary>A Prometheus answered, but not with a result (a bad query, an error, not Prometheus at all).</summary>
public sealed class PrometheusQueryException(string message) : Exception(message);
