using Weft.Discovery.Snapshot;
using Weft.Proxy.MeshDns;
using Weft.Proxy.Runtime;

namespace Weft.Proxy.Transparent;

/// <summary>
/// A sidecar started with <c>--interception transparent</c> (inside a workload's network
/// namespace, behind istio-iptables-style rules): the interception ports 15001/15006 and the DNS
/// proxy on 15053, sharing one table of mesh addresses that follows every applied snapshot.
/// </summary>
public sealed class TransparentInterception : IAsyncDisposable
{
    private readonly TransparentListeners _listeners;
    private readonly DnsProxy _dns;

    private TransparentInterception(TransparentListeners listeners, DnsProxy dns) => (_listeners, _dns) = (listeners, dns);

    public static TransparentInterception? StartIfAsked(NodeInfo node, ProxyRuntime runtime, ILoggerFactory logs)
    {
        if (node.Interception != InterceptionMode.Transparent)
            return null;
        var addresses = new ServiceAddresses(node.Namespace);
        runtime.Applied += c => addresses.Update(c.Source);
        var log = logs.CreateLogger("Weft.Proxy.Transparent");
        var listeners = TransparentListeners.Start(node, addresses, log);
        try
        {
            return new TransparentInterception(listeners, DnsProxy.Start(addresses, logs.CreateLogger("Weft.Proxy.MeshDns")));
        }
        catch
        {
            _ = listeners.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _listeners.DisposeAsync();
        await _dns.DisposeAsync();
    }
}
