using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Weft.Proxy.Transparent;

namespace Weft.Proxy.MeshDns;

/// <summary>
/// The sidecar's DNS proxy on <c>127.0.0.1:15053</c> (UDP and TCP), where iptables sends the
/// namespace's port-53 traffic, as Istio's agent does with DNS capture: mesh hostnames (Services,
/// ServiceEntry hosts, <c>NAME.NS</c>, <c>NAME</c> in the proxy's namespace, and the search-path
/// forms) are answered with the address the mesh gives them (<see cref="ServiceAddresses"/>);
/// other <c>*.svc.cluster.local</c> names are NXDOMAIN; everything else goes to the upstream
/// resolvers of <c>/etc/resolv.conf</c> (the proxy's own queries are not redirected), SERVFAIL
/// when none answers within 2 s.
/// </summary>
public sealed partial class DnsProxy : IAsyncDisposable
{
    public const int DefaultPort = 15053;
    private static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(2);

    private readonly ServiceAddresses _addresses;
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly ILogger _log;
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private long _answered;
    private long _forwarded;

    private DnsProxy(ServiceAddresses addresses, IReadOnlyList<IPEndPoint> upstreams, ILogger log, UdpClient udp, TcpListener tcp)
    {
        (_addresses, _upstreams, _log, _udp, _tcp) = (addresses, upstreams, log, udp, tcp);
    }

    /// <summary>The port it listens on (UDP and TCP).</summary>
    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public long Answered => Interlocked.Read(ref _answered);
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Listens on <paramref name="at"/> (127.0.0.1:15053 unless a test says otherwise), UDP and TCP on the same port.</summary>
    public static DnsProxy Start(ServiceAddresses addresses, ILogger log, string resolvConf = "/etc/resolv.conf", IPEndPoint? at = null)
    {
        at ??= new IPEndPoint(IPAddress.Loopback, DefaultPort);
        var udp = new UdpClient(at);
        var tcp = new TcpListener(new IPEndPoint(at.Address, ((IPEndPoint)udp.Client.LocalEndPoint!).Port));
        try
        {
            tcp.Start();
        }
        catch
        {
            udp.Dispose();
            throw;
        }
        var upstreams = Upstreams(resolvConf);
        var proxy = new DnsProxy(addresses, upstreams, log, udp, tcp);
        proxy._loops.Add(Task.Run(proxy.UdpLoopAsync));
        proxy._loops.Add(Task.Run(proxy.TcpLoopAsync));
        LogListening(log, at.Address.ToString(), proxy.Port, upstreams.Count == 0 ? "none" : string.Join(", ", upstreams));
        return proxy;
    }

    /// <summary>The nameservers of resolv.conf, except ourselves.</summary>
    public static IReadOnlyList<IPEndPoint> Upstreams(string resolvConf)
    {
        var list = new List<IPEndPoint>();
        if (!File.Exists(resolvConf))
            return list;
        foreach (var raw in File.ReadAllLines(resolvConf))
        {
            var parts = raw.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "nameserver" && IPAddress.TryParse(parts[1], out var ip))
                list.Add(new IPEndPoint(ip, 53));
        }
        return list;
    }

    /// <summary>The answer to one query: ours for mesh names, the upstream's otherwise.</summary>
    public async Task<byte[]?> ResolveAsync(byte[] query, CancellationToken ct)
    {
        if (DnsMessage.ReadQuestion(query) is not { } q)
            return null;
        if (_addresses.Resolve(q.Name) is { } address)
        {
            Interlocked.Increment(ref _answered);
            LogAnswered(_log, q.Name, q.Type, address.ToString());
            return DnsMessage.Answer(query, q.End, DnsMessage.NoError, q.Type == DnsMessage.TypeA ? new[] { address } : []);
        }
        if (ServiceAddresses.IsClusterLocal(q.Name))
        {
            Interlocked.Increment(ref _answered);
            return DnsMessage.Answer(query, q.End, DnsMessage.NxDomain, []);
        }
        Interlocked.Increment(ref _forwarded);
        foreach (var upstream in _upstreams)
        {
            try
            {
                using var client = new UdpClient(upstream.AddressFamily);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(UpstreamTimeout);
                await client.SendAsync(query, upstream, timeout.Token);
                var r = await client.ReceiveAsync(timeout.Token);
                return r.Buffer;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                LogUpstreamFailed(_log, q.Name, upstream.ToString(), e.Message);
            }
        }
        return DnsMessage.Answer(query, q.End, DnsMessage.ServFail, []);
    }

    private async Task UdpLoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(ct);
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
                try
                {
                    if (await ResolveAsync(received.Buffer, ct) is { } answer)
                        await _udp.SendAsync(answer, received.RemoteEndPoint, ct);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>DNS over TCP: two-byte length, then the message (RFC 1035 4.2.2).</summary>
    private async Task TcpLoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp.AcceptTcpClientAsync(ct);
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
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var length = new byte[2];
                        while (true)
                        {
                            await stream.ReadExactlyAsync(length, ct);
                            var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                            await stream.ReadExactlyAsync(query, ct);
                            if (await ResolveAsync(query, ct) is not { } answer)
                                return;
                            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)answer.Length);
                            await stream.WriteAsync(length, ct);
                            await stream.WriteAsync(answer, ct);
                        }
                    }
                    catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                    {
                    }
                }
            }, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(5601, LogLevel.Information, "DNS proxy on {Address}:{Port} (UDP and TCP): mesh hostnames answered here, others forwarded to {Upstreams}")]
    private static partial void LogListening(ILogger log, string address, int port, string upstreams);

    [LoggerMessage(5602, LogLevel.Debug, "DNS {Name} (type {Type}): mesh address {Address}")]
    private static partial void LogAnswered(ILogger log, string name, int type, string address);

    [LoggerMessage(5603, LogLevel.Debug, "DNS {Name}: upstream {Upstream} failed: {Reason}")]
    private static partial void LogUpstreamFailed(ILogger log, string name, string upstream, string reason);
}
