using System.Collections.Concurrent;
using System.Globalization;

namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// weftd's built-in metrics store for the console: the Istio series the traffic graph needs,
/// scraped from every proxy, kept for <see cref="Retention"/> in fixed rings (a few minutes, so
/// memory is bounded by series count, itself capped). Series not seen for a retention are dropped.
/// </summary>
public sealed class MetricsStore
{
    /// <summary>The families the graph reads; the rest of a scrape is not kept.</summary>
    public static readonly IReadOnlySet<string> Kept = new HashSet<string>(StringComparer.Ordinal)
    {
        "istio_requests_total", "istio_request_duration_milliseconds_bucket", "istio_request_bytes_sum", "istio_response_bytes_sum",
        "istio_tcp_sent_bytes_total", "istio_tcp_received_bytes_total",
    };

    /// <summary>The coarse ring's spacing: one sample a minute.</summary>
    public static readonly TimeSpan CoarseInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, SeriesRing> _series = new(StringComparer.Ordinal);
    // The same series one sample a minute, kept for LongRetention: windows past Retention read these.
    private readonly ConcurrentDictionary<string, SeriesRing> _coarse = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly int _coarseCapacity;
    private readonly int _maxSeries;

    public MetricsStore(TimeSpan retention, TimeSpan interval, int maxSeries = 100_000, TimeSpan? longRetention = null)
    {
        Retention = retention;
        Interval = interval;
        LongRetention = longRetention is { } l && l > retention ? l : retention;
        _capacity = (int)Math.Ceiling(retention / interval) + 2;
        _coarseCapacity = (int)Math.Ceiling(LongRetention / CoarseInterval) + 2;
        _maxSeries = maxSeries;
    }

    public TimeSpan Retention { get; }

    /// <summary>How far back the coarse (one a minute) samples go: the longest window weftd answers alone.</summary>
    public TimeSpan LongRetention { get; }

    /// <summary>The series sampled once a minute over <see cref="LongRetention"/>.</summary>
    public ICollection<SeriesRing> CoarseSeries => _coarse.Values;

    /// <summary>The rings a window reads: every scrape within <see cref="Retention"/>, the one-a-minute samples beyond.</summary>
    public ICollection<SeriesRing> SeriesFor(TimeSpan window) => window <= Retention ? Series : CoarseSeries;

    /// <summary>The spacing of the samples a window reads.</summary>
    public TimeSpan IntervalFor(TimeSpan window) => window <= Retention ? Interval : CoarseInterval;

    public TimeSpan Interval { get; }

    public ICollection<SeriesRing> Series => _series.Values;

    /// <summary>Series refused because the store was full (the console says so rather than guess).</summary>
    public long Dropped;

    public void Ingest(string proxy, string exposition, long unixMs)
    {
        foreach (var s in PrometheusText.Parse(exposition))
        {
            if (!Kept.Contains(s.Name))
                continue;
            var key = proxy + "\n" + s.Name + "{" + s.Labels;
            if (!_series.TryGetValue(key, out var ring))
            {
                if (_series.Count >= _maxSeries)
                {
                    Interlocked.Increment(ref Dropped);
                    continue;
                }
                ring = _series.GetOrAdd(key, _ => new SeriesRing(Info(proxy, s.Name, PrometheusText.Labels(s.Labels)), _capacity));
            }
            ring.Add(unixMs, s.Value);
            if (LongRetention > Retention)
            {
                var coarse = _coarse.GetOrAdd(key, _ => new SeriesRing(ring.Info, _coarseCapacity));
                if (unixMs - coarse.LastTime >= (long)CoarseInterval.TotalMilliseconds)
                    coarse.Add(unixMs, s.Value);
            }
        }
    }

    /// <summary>Forgets series no proxy reported for a whole retention (workloads that left).</summary>
    public void Prune(long unixMs)
    {
        var oldest = unixMs - (long)Retention.TotalMilliseconds;
        foreach (var (key, ring) in _series)
            if (ring.LastTime < oldest && !_coarse.ContainsKey(key))
                _series.TryRemove(key, out _);
        var oldestCoarse = unixMs - (long)LongRetention.TotalMilliseconds;
        foreach (var (key, ring) in _coarse)
            if (ring.LastTime < oldestCoarse)
            {
                _coarse.TryRemove(key, out _);
                _series.TryRemove(key, out _);
            }
    }

    /// <summary>
    /// Each ring's rate and increase between two instants (rings with fewer than two samples
    /// inside are left out), the samples the graph and the metrics tabs are computed from.
    /// </summary>
    public static IEnumerable<SeriesSample> Window(IEnumerable<SeriesRing> rings, long fromMs, long toMs)
    {
        foreach (var ring in rings)
        {
            var (increase, span) = ring.Increase(fromMs, toMs);
            if (span > 0)
                yield return new SeriesSample(ring.Info, increase / span, increase);
        }
    }

    /// <summary>What the graph needs of a series' labels (Istio's names; a missing one reads "unknown").</summary>
    public static SeriesInfo Info(string proxy, string metric, IReadOnlyDictionary<string, string> l)
    {
        string L(string name) => l.GetValueOrDefault(name) ?? "unknown";
        var le = l.TryGetValue("le", out var leText)
            ? leText == "+Inf" ? double.PositiveInfinity : double.Parse(leText, NumberStyles.Float, CultureInfo.InvariantCulture)
            : double.NaN;
        return new SeriesInfo(proxy, metric, L("reporter"),
            L("source_workload"), L("source_workload_namespace"), L("source_app"), L("source_version"),
            L("destination_workload"), L("destination_workload_namespace"), L("destination_app"), L("destination_version"),
            L("destination_service"), l.GetValueOrDefault("response_code") ?? "", l.GetValueOrDefault("response_flags") ?? "-",
            L("connection_security_policy"), le);
    }
}
