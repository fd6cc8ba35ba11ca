using Weft.Proxy.Pipeline;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// Where requests and connections are reported (Istio's standard metrics). Every call is on the
/// request path: implementations pick precomputed label sets and increment counters, never block.
/// </summary>
public interface IStatsHook
{
    /// <summary>A snapshot's pipeline is being built: compile its telemetry now, not on the first request or connection.</summary>
    void OnSnapshot(Weft.Discovery.Snapshot.ProxySnapshot snapshot);

    /// <summary>
    /// Before routing: reads (and, between sidecars, rewrites) the peer metadata headers. What it
    /// returns is handed back to <see cref="OnHttpCompleted"/> (the request's source peer).
    /// </summary>
    object? OnHttpStarting(ProxyContext ctx);

    void OnHttpCompleted(ProxyContext ctx, int status, TimeSpan duration, object? state);

    /// <summary>An L4 connection reached its upstream (istio_tcp_connections_opened_total).</summary>
    void OnTcpOpened(TcpConnectionRecord record);

    void OnTcpCompleted(TcpConnectionRecord record);
}

/// <summary>What a finished (or just opened) L4 connection reports.</summary>
public sealed record TcpConnectionRecord(
    string Listener, string Cluster, string? UpstreamHost, string Downstream, long BytesReceived, long BytesSent,
    TimeSpan Duration, Forwarding.ResponseFlags Flags)
{
    /// <summary>The downstream peer's SPIFFE identity when the connection is mutual TLS; null: plaintext.</summary>
    public string? PeerPrincipal { get; init; }

    /// <summary>The cluster's runtime and the endpoint picked, when there was one (for the destination labels).</summary>
    public Upstream.ClusterRuntime? ClusterState { get; init; }

    public Upstream.EndpointState? EndpointState { get; init; }
}

public sealed class NullStatsHook : IStatsHook
{
    public void OnSnapshot(Weft.Discovery.Snapshot.ProxySnapshot snapshot)
    {
    }

    public object? OnHttpStarting(ProxyContext ctx) => null;

    public void OnHttpCompleted(ProxyContext ctx, int status, TimeSpan duration, object? state)
    {
    }

    public void OnTcpOpened(TcpConnectionRecord record)
    {
    }

    public void OnTcpCompleted(TcpConnectionRecord record)
    {
    }
}
