using Weft.Proxy.Pipeline;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// Where finished requests and connections are reported, for the telemetry issue's Istio
/// metrics. Called once per request after the response ended; must not block.
/// </summary>
public interface IStatsHook
{
    void OnHttpCompleted(ProxyContext ctx, int status, TimeSpan duration);

    void OnTcpCompleted(TcpConnectionRecord record);
}

/// <summary>What a finished L4 connection reports.</summary>
public sealed record TcpConnectionRecord(
    string Listener, string Cluster, string? UpstreamHost, string Downstream, long BytesReceived, long BytesSent,
    TimeSpan Duration, Forwarding.ResponseFlags Flags);

public sealed class NullStatsHook : IStatsHook
{
    public void OnHttpCompleted(ProxyContext ctx, int status, TimeSpan duration)
    {
    }

    public void OnTcpCompleted(TcpConnectionRecord record)
    {
    }
}
