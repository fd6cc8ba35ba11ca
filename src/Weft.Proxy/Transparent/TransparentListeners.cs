using System.Net;
using System.Net.Sockets;
using System.Text;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Transparent;

/// <summary>
/// The two ports istio-iptables redirects to. <c>127.0.0.1:15001</c> takes the app's outbound
/// connections (nat OUTPUT REDIRECT lands locally made connections on 127.0.0.1): the original
/// destination, a mesh address the DNS proxy handed out or any other address, becomes a CONNECT
/// to the sidecar's own outbound listener (<c>ADDR:15001</c>), which routes it as an explicit
/// client's tunnel: HTTP routing inside for HTTP ports, the TCP route or passthrough otherwise.
/// <c>0.0.0.0:15006</c> takes inbound connections (nat PREROUTING REDIRECT): they go on to the
/// original destination, which is the sidecar's inbound listener for the workload's service
/// ports (mTLS, authorization, telemetry) and the app itself for any other port (Istio's
/// inbound passthrough). The proxy's own connections leave from the proxy's group, which the
/// rules exclude, so they are not redirected again.
/// </summary>
public sealed partial class TransparentListeners : IAsyncDisposable
{
    public const int OutboundPort = 15001;
    public const int InboundPort = 15006;

    private readonly NodeInfo _node;
    private readonly ServiceAddresses _addresses;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Socket _outbound;
    private readonly Socket _inbound;
    private readonly List<Task> _loops = [];
    private long _outboundConnections;
    private long _inboundConnections;

    private TransparentListeners(NodeInfo node, ServiceAddresses addresses, ILogger log, Socket outbound, Socket inbound)
    {
        (_node, _addresses, _log, _outbound, _inbound) = (node, addresses, log, outbound, inbound);
    }

    public long OutboundConnections => Interlocked.Read(ref _outboundConnections);
    public long InboundConnections => Interlocked.Read(ref _inboundConnections);

    public static TransparentListeners Start(NodeInfo node, ServiceAddresses addresses, ILogger log)
    {
        var outbound = Listen(new IPEndPoint(IPAddress.Loopback, OutboundPort));
        Socket inbound;
        try
        {
            inbound = Listen(new IPEndPoint(IPAddress.Any, InboundPort));
        }
        catch
        {
            outbound.Dispose();
            throw;
        }
        var l = new TransparentListeners(node, addresses, log, outbound, inbound);
        l._loops.Add(Task.Run(() => l.AcceptLoopAsync(outbound, l.OutboundAsync)));
        l._loops.Add(Task.Run(() => l.AcceptLoopAsync(inbound, l.InboundAsync)));
        LogListening(log, OutboundPort, InboundPort, node.Address ?? "?");
        return l;
    }

    private static Socket Listen(IPEndPoint at)
    {
        var s = new Socket(at.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            s.Bind(at);
            s.Listen(512);
            return s;
        }
        catch (SocketException e)
        {
            s.Dispose();
            throw new InvalidOperationException($"transparent interception cannot listen on {at}: {e.Message}", e);
        }
    }

    private async Task AcceptLoopAsync(Socket listener, Func<Socket, CancellationToken, Task> handle)
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = Task.Run(async () =>
            {
                using (accepted)
                {
                    try
                    {
                        await handle(accepted, ct);
                    }
                    catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
                    {
                        LogRelayEnded(_log, e.Message);
                    }
                }
            }, CancellationToken.None);
        }
    }

    private async Task OutboundAsync(Socket client, CancellationToken ct)
    {
        Interlocked.Increment(ref _outboundConnections);
        if (OriginalDestination.Of(client) is not { } original || original.Port == OutboundPort && IPAddress.IsLoopback(original.Address))
        {
            LogNoOriginal(_log, "outbound", client.RemoteEndPoint?.ToString() ?? "?");
            return;
        }
        var host = _addresses.HostOf(original.Address);
        var target = host is null ? original.ToString() : $"{host}:{original.Port}";
        LogOutbound(_log, client.RemoteEndPoint?.ToString() ?? "?", original.ToString(), target);
        using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(new IPEndPoint(IPAddress.Parse(_node.Address ?? "127.0.0.1"), OutboundPort), ct);
        using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
        var connect = Encoding.ASCII.GetBytes($"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n");
        await upstreamStream.WriteAsync(connect, ct);
        var status = await ReadResponseHeadAsync(upstreamStream, ct);
        if (status is null || !status.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            LogRefused(_log, target, status ?? "no answer");
            return;
        }
        using var clientStream = new NetworkStream(client, ownsSocket: false);
        await PumpAsync(clientStream, client, upstreamStream, upstream, ct);
    }

    private async Task InboundAsync(Socket client, CancellationToken ct)
    {
        Interlocked.Increment(ref _inboundConnections);
        if (OriginalDestination.Of(client) is not { } original || original.Port == InboundPort)
        {
            LogNoOriginal(_log, "inbound", client.RemoteEndPoint?.ToString() ?? "?");
            return;
        }
        LogInbound(_log, client.RemoteEndPoint?.ToString() ?? "?", original.ToString());
        // The app sees the calling VM, not this relay (OriginalSource); the sidecar's own ports are never redirected here.
        var caller = client.RemoteEndPoint is IPEndPoint { Address: var a } && !a.Equals(original.Address) && !IPAddress.IsLoopback(a) ? a : null;
        using var upstream = OriginalSource.Open(original.AddressFamily, caller, out var kept);
        if (caller is not null && !kept)
            LogNoOriginalSource(_log, caller.ToString());
        await upstream.ConnectAsync(original, ct);
        using var clientStream = new NetworkStream(client, ownsSocket: false);
        using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
        await PumpAsync(clientStream, client, upstreamStream, upstream, ct);
    }

    /// <summary>The CONNECT answer's status line, having read up to the blank line (and nothing after it).</summary>
    private static async Task<string?> ReadResponseHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new List<byte>(256);
        var one = new byte[1];
        while (head.Count < 16 * 1024)
        {
            if (await stream.ReadAsync(one, ct) == 0)
                return null;
            head.Add(one[0]);
            var n = head.Count;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n')
            {
                var text = Encoding.ASCII.GetString([.. head]);
                return text[..text.IndexOf('\r', StringComparison.Ordinal)];
            }
        }
        return null;
    }

    /// <summary>Both directions until each side has finished; a half close is passed on.</summary>
    private static async Task PumpAsync(NetworkStream a, Socket aSocket, NetworkStream b, Socket bSocket, CancellationToken ct)
    {
        async Task CopyAsync(NetworkStream from, NetworkStream to, Socket toSocket)
        {
            try
            {
                await from.CopyToAsync(to, 64 * 1024, ct);
                toSocket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                aSocket.Close();
                bSocket.Close();
            }
        }
        await Task.WhenAll(CopyAsync(a, b, bSocket), CopyAsync(b, a, aSocket));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _outbound.Dispose();
        _inbound.Dispose();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(5501, LogLevel.Information, "Transparent interception: outbound on 127.0.0.1:{Outbound}, inbound on *:{Inbound}, routed through the sidecar at {Address}")]
    private static partial void LogListening(ILogger log, int outbound, int inbound, string address);

    [LoggerMessage(5502, LogLevel.Debug, "Outbound {Client} to {Original}: tunnelled as {Target}")]
    private static partial void LogOutbound(ILogger log, string client, string original, string target);

    [LoggerMessage(5503, LogLevel.Debug, "Inbound {Client} to {Original}")]
    private static partial void LogInbound(ILogger log, string client, string original);

    [LoggerMessage(5504, LogLevel.Warning, "A connection on the {Direction} interception port from {Client} has no original destination (not redirected by iptables); closed")]
    private static partial void LogNoOriginal(ILogger log, string direction, string client);

    [LoggerMessage(5505, LogLevel.Information, "The sidecar refused the intercepted connection to {Target}: {Status}")]
    private static partial void LogRefused(ILogger log, string target, string status);

    [LoggerMessage(5507, LogLevel.Debug, "Inbound passthrough from {Caller} leaves from the workload's address: the kernel refused a transparent bind (no CAP_NET_ADMIN)")]
    private static partial void LogNoOriginalSource(ILogger log, string caller);

    [LoggerMessage(5506, LogLevel.Debug, "An intercepted connection ended: {Reason}")]
    private static partial void LogRelayEnded(ILogger log, string reason);
}
