using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Proxy.Forwarding;
using Weft.Proxy.Runtime;
using Weft.Proxy.Telemetry;
using Weft.Proxy.Upstream;
using Weft.Proxy.Upstream.LoadBalancing;

namespace Weft.Proxy.Tcp;

/// <summary>
/// L4 proxying: picks a destination and endpoint, connects, and relays bytes both ways until
/// both sides are done (a half-close is passed on), counting bytes for stats and the access log.
/// </summary>
internal sealed partial class TcpProxyHandler(IStatsHook hook, AccessLog accessLog, ProxyCounters counters, TimeProvider time, ILogger<TcpProxyHandler> log)
{
    public async Task HandleAsync(ConnectionContext conn, CompiledListener listener, CompiledChain chain, string? targetHost, int targetPort, string? sni)
    {
        var start = time.GetTimestamp();
        var startTime = time.GetUtcNow();
        var dest = chain.PickTcpDestination();
        var cluster = dest.Cluster;
        var flags = ResponseFlags.None;
        long received = 0, sent = 0;
        EndpointState? ep = null;
        Interlocked.Increment(ref counters.TcpConnectionsTotal);
        try
        {
            ep = cluster.Config.Type switch
            {
                ClusterType.BlackHole => null,
                ClusterType.OriginalDestination when targetHost is not null => new EndpointState(new LbEndpoint { Address = targetHost, Port = targetPort }),
                ClusterType.OriginalDestination => null,
                _ => cluster.LoadBalancer.Pick(cluster.Endpoints, SourceHash(conn, cluster), default, cluster.IsPanic),
            };
            if (ep is null)
            {
                flags |= cluster.Config.Type == ClusterType.BlackHole ? ResponseFlags.NoClusterFound : ResponseFlags.NoHealthyUpstream;
                return;
            }
            // A gateway's relays leave from its own address, as its HTTP connections do (GatewaySource):
            // the external server behind a TLS passthrough egress gateway sees the gateway as its client.
            using var socket = cluster.SourceAddress is { } source
                ? new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
                : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            if (cluster.SourceAddress is { } from)
                socket.Bind(new IPEndPoint(from, 0));
            using (var connectTimeout = new CancellationTokenSource(cluster.Config.ConnectionPool.ConnectTimeout))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(connectTimeout.Token, conn.ConnectionClosed))
            {
                try
                {
                    await socket.ConnectAsync(ep.Address, ep.Port, linked.Token);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    flags |= ResponseFlags.UpstreamConnectionFailure;
                    Interlocked.Increment(ref cluster.Stats.UpstreamCxConnectFail);
                    cluster.Outlier?.OnResult(ep, 503, localFailure: true);
                    LogConnectFailed(log, ep.Authority, cluster.Name, e.Message);
                    return;
                }
            }
            Interlocked.Increment(ref cluster.Stats.UpstreamCxTotal);
            hook.OnTcpOpened(new TcpConnectionRecord(listener.Name, cluster.Name, ep.Authority, conn.RemoteEndPoint?.ToString() ?? "-", 0, 0, TimeSpan.Zero, flags)
            {
                PeerPrincipal = PeerPrincipal(conn),
                ClusterState = cluster,
                EndpointState = ep,
            });
            cluster.Outlier?.OnResult(ep, 200, localFailure: false);
            ep.RequestStarted();
            try
            {
                Stream upstream = new NetworkStream(socket, ownsSocket: false);
                if (cluster.MeshTls is { } mesh && Security.Tls.TcpUpstreamTls.Applies(cluster.Config, mesh, ep.Spec))
                {
                    try
                    {
                        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed);
                        handshake.CancelAfter(cluster.Config.ConnectionPool.ConnectTimeout);
                        upstream = await Security.Tls.TcpUpstreamTls.HandshakeAsync(upstream, cluster.Config, mesh, handshake.Token);
                    }
                    catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException or OperationCanceledException)
                    {
                        flags |= ResponseFlags.UpstreamConnectionFailure;
                        LogConnectFailed(log, ep.Authority, cluster.Name, "mesh TLS handshake: " + e.Message);
                        return;
                    }
                }
                await using var _ = upstream;
                // Envoy's tcp_proxy idle_timeout: no byte either way for this long closes both sides.
                using var idle = new CancellationTokenSource(chain.TcpIdleTimeout, time);
                var up = CopyToUpstreamAsync(conn.Transport.Input, upstream, socket, n => received += n, idle, chain.TcpIdleTimeout);
                var down = CopyToDownstreamAsync(upstream, conn.Transport.Output, n => sent += n, idle, chain.TcpIdleTimeout);
                await Task.WhenAll(up, down);
                if (idle.IsCancellationRequested)
                    LogIdleClosed(log, listener.Name, chain.TcpIdleTimeout.TotalMilliseconds);
            }
            finally
            {
                ep.RequestFinished();
            }
        }
        finally
        {
            Interlocked.Add(ref counters.TcpBytesReceived, received);
            Interlocked.Add(ref counters.TcpBytesSent, sent);
            Interlocked.Add(ref cluster.Stats.UpstreamCxTxBytesTotal, received);
            Interlocked.Add(ref cluster.Stats.UpstreamCxRxBytesTotal, sent);
            var duration = time.GetElapsedTime(start);
            hook.OnTcpCompleted(new TcpConnectionRecord(listener.Name, cluster.Name, ep?.Authority, conn.RemoteEndPoint?.ToString() ?? "-", received, sent, duration, flags)
            {
                PeerPrincipal = PeerPrincipal(conn),
                ClusterState = cluster,
                EndpointState = ep,
            });
            if (accessLog.Enabled && accessLog.Accepts(0))
            {
                accessLog.Write(new AccessLogEntry
                {
                    StartTime = startTime,
                    ResponseFlags = ResponseFlagsText.Format(flags),
                    BytesReceived = received,
                    BytesSent = sent,
                    DurationMs = (long)duration.TotalMilliseconds,
                    UpstreamHost = ep?.Authority ?? "-",
                    UpstreamCluster = cluster.Name,
                    DownstreamLocalAddress = conn.LocalEndPoint?.ToString() ?? "-",
                    DownstreamRemoteAddress = conn.RemoteEndPoint?.ToString() ?? "-",
                    RequestedServerName = sni ?? "-",
                });
            }
            conn.Abort();
        }
    }

    // The downstream's mutual-TLS identity, when the listener terminated TLS with a client certificate.
    private static string? PeerPrincipal(ConnectionContext conn)
        => conn.Features.Get<Microsoft.AspNetCore.Http.Features.ITlsConnectionFeature>()?.ClientCertificate is { } cert ? Principals.UriSan(cert) : null;

    private static ulong? SourceHash(ConnectionContext conn, ClusterRuntime cluster)
        => cluster.Config.LoadBalancer.ConsistentHash is { UseSourceIp: true } && conn.RemoteEndPoint is IPEndPoint ip
            ? Hashing.Hash(ip.Address.ToString())
            : null;

    private static async Task CopyToUpstreamAsync(PipeReader input, Stream upstream, Socket socket, Action<long> count, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(idle.Token);
                idle.CancelAfter(idleTimeout);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    await upstream.WriteAsync(segment);
                    count(segment.Length);
                }
                input.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
            // The client finished sending: pass the half-close on (over mesh TLS, close_notify first).
            if (upstream is System.Net.Security.SslStream tls)
                await tls.ShutdownAsync();
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ConnectionAbortedException or ConnectionResetException or ObjectDisposedException or OperationCanceledException)
        {
            socket.Close();
        }
    }

    private static async Task CopyToDownstreamAsync(Stream upstream, PipeWriter output, Action<long> count, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        try
        {
            while (true)
            {
                var memory = output.GetMemory(16 * 1024);
                var n = await upstream.ReadAsync(memory, idle.Token);
                if (n == 0)
                    break;
                idle.CancelAfter(idleTimeout);
                output.Advance(n);
                count(n);
                var flush = await output.FlushAsync();
                if (flush.IsCompleted || flush.IsCanceled)
                    break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            await output.CompleteAsync();
        }
    }

    [LoggerMessage(4002, LogLevel.Debug, "Closed an idle TCP connection on {Listener} after {Milliseconds} ms without bytes")]
    private static partial void LogIdleClosed(ILogger log, string listener, double milliseconds);

    [LoggerMessage(4001, LogLevel.Information, "TCP connect to {Endpoint} of {Cluster} failed: {Reason}")]
    private static partial void LogConnectFailed(ILogger log, string endpoint, string cluster, string reason);
}
