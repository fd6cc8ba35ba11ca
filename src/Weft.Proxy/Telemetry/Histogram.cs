namespace Weft.Proxy.Telemetry;

/// <summary>
/// A Prometheus histogram with fixed bounds: one counter per bucket (not cumulative; the writer
/// adds them up) and the sum in thousandths, all incremented lock-free.
/// </summary>
public sealed class Histogram(double[] bounds)
{
    /// <summary>
    /// Envoy's default histogram buckets, which Istio's standard histograms use
    /// (istio_request_duration_milliseconds, istio_request_bytes, istio_response_bytes).
    /// </summary>
    public static readonly double[] IstioBuckets =
        [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

    private readonly long[] _counts = new long[bounds.Length + 1];
    private long _sumMilli;

    public double[] Bounds { get; } = bounds;

    public void Record(double value)
    {
        var b = Bounds;
        var i = 0;
        while (i < b.Length && value > b[i])   // le is inclusive: value <= bound lands in it
            i++;
        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumMilli, (long)(value * 1000));
    }

    /// <summary>Count in bucket <paramref name="i"/> alone (the last one is above every bound).</summary>
    public long BucketCount(int i) => Interlocked.Read(ref _counts[i]);

    public double Sum => Interlocked.Read(ref _sumMilli) / 1000.0;
}
