using System.Net;
using System.Net.Sockets;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Gateways;

/// <summary>
/// An egress gateway is the mesh's controlled exit: what it forwards leaves from its own address,
/// so an external server (or a firewall in front of it) sees the gateway, not whichever address
/// the kernel would pick. On one machine every workload has its own loopback address and the
/// kernel would pick 127.0.0.1 for all of them; on a host of its own binding changes nothing.
/// Sidecars keep the kernel's choice: their <c>--address</c> may be a VM's, not one of this host's.
/// </summary>
public static class GatewaySource
{
    /// <summary>The address a gateway's upstream connections leave from: its own, when it is a gateway with a specific address.</summary>
    public static IPAddress? AddressOf(NodeInfo node) =>
        node.Mode == ProxyMode.Gateway && IPAddress.TryParse(node.Address, out var ip)
            && !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) ? ip : null;

    /// <summary>Makes the handler's connections leave from <paramref name="source"/> (port chosen by the kernel).</summary>
    public static void Bind(SocketsHttpHandler handler, IPAddress source)
    {
        handler.ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                var target = context.DnsEndPoint;
                if (IPAddress.TryParse(target.Host, out var literal))
                    await socket.ConnectAsync(new IPEndPoint(literal, target.Port), ct);
                else
                    await socket.ConnectAsync(await ResolveAsync(target.Host, source.AddressFamily, ct), target.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }

    /// <summary>The host's addresses of the source's family (a socket bound to IPv4 cannot reach an IPv6 peer).</summary>
    private static async Task<IPAddress[]> ResolveAsync(string host, AddressFamily family, CancellationToken ct)
    {
        var all = await System.Net.Dns.GetHostAddressesAsync(host, family, ct);
        return all.Length > 0 ? all : throw new SocketException((int)SocketError.HostNotFound);
    }
}
