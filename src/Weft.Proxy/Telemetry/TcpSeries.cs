namespace Weft.Proxy.Telemetry;

/// <summary>One label set of the TCP metrics.</summary>
public sealed class TcpSeries(string labels)
{
    public string Labels { get; } = labels;

    public long Opened;
    public long Closed;
    public long SentBytes;
    public long ReceivedBytes;
}
