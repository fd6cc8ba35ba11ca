namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// The recent samples of one series, oldest overwritten first: a fixed array sized for the
/// store's retention, so memory per series is bounded whatever runs.
/// </summary>
public sealed class SeriesRing(SeriesInfo info, int capacity)
{
    private readonly long[] _times = new long[capacity];
    private readonly double[] _values = new double[capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public SeriesInfo Info { get; } = info;

    public long LastTime { get; private set; }

    public void Add(long unixMs, double value)
    {
        lock (_lock)
        {
            _times[_next] = unixMs;
            _values[_next] = value;
            _next = (_next + 1) % _times.Length;
            _count = Math.Min(_count + 1, _times.Length);
            LastTime = unixMs;
        }
    }

    /// <summary>
    /// How much the counter grew between <paramref name="fromMs"/> and <paramref name="toMs"/>
    /// (a drop is a restart: the new value counts from zero), and the time its samples span, as
    /// Prometheus' increase() sees the samples inside the window.
    /// </summary>
    public (double Increase, double SpanSeconds) Increase(long fromMs, long toMs)
    {
        lock (_lock)
        {
            double increase = 0;
            double? previous = null;
            long first = 0, last = 0;
            for (var k = 0; k < _count; k++)
            {
                var i = (_next - _count + k + _times.Length) % _times.Length;
                var t = _times[i];
                if (t < fromMs || t > toMs)
                    continue;
                var v = _values[i];
                if (previous is { } p)
                    increase += v >= p ? v - p : v;
                else
                    first = t;
                previous = v;
                last = t;
            }
            return (increase, (last - first) / 1000.0);
        }
    }
}

/// <summary>What the graph needs to know of a series, read from its labels once.</summary>
public sealed record SeriesInfo(
    string Proxy, string Metric, string Reporter,
    string SourceWorkload, string SourceNamespace, string SourceApp, string SourceVersion,
    string DestinationWorkload, string DestinationNamespace, string DestinationApp, string DestinationVersion,
    string DestinationService, string ResponseCode, string ResponseFlags, string SecurityPolicy, double Le);
