namespace Weft.Proxy.Telemetry;

/// <summary>One label set of the HTTP metrics: the request counter and the three histograms.</summary>
public sealed class HttpSeries(string labels)
{
    /// <summary>The label pairs without braces (<c>reporter="source",...</c>), rendered once.</summary>
    public string Labels { get; } = labels;

    public long Requests;

    public Histogram Duration { get; } = new(Histogram.IstioBuckets);

    public Histogram RequestBytes { get; } = new(Histogram.IstioBuckets);

    public Histogram ResponseBytes { get; } = new(Histogram.IstioBuckets);

    public void Record(double durationMs, long requestBytes, long responseBytes)
    {
        Interlocked.Increment(ref Requests);
        Duration.Record(durationMs);
        RequestBytes.Record(requestBytes);
        ResponseBytes.Record(responseBytes);
    }
}
