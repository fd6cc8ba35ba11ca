using System.Globalization;
using System.Net;
using Weft.Discovery.Listeners;

namespace Weft.ControlPlane.Translation.Egress;

/// <summary>
/// A ServiceEntry's CIDR <c>addresses</c> (<c>10.1.0.0/16</c>) on its TCP and TLS ports, as
/// Istio's outbound listener matches them: a connection whose destination IP falls in the range
/// (a CONNECT to that IP, or a transparently intercepted connection's original destination) goes
/// to the entry's cluster, so its bytes are counted under the entry's host. One chain per range,
/// longest prefix first, so the most specific range wins whichever entry declares it (Envoy's
/// filter chain match by destination IP).
/// </summary>
public static class AddressRangeChains
{
    public static IEnumerable<FilterChain> Build(ProxyBuild b, IReadOnlySet<string> clusters)
    {
        var chains = new List<(int Length, string Range, FilterChain Chain)>();
        foreach (var (service, port) in b.OutboundPorts())
        {
            if (service.AddressRanges.IsDefaultOrEmpty || !(port.IsTcp || port.IsTls))
                continue;
            var name = ClusterNames.Outbound(port.Port, "", service.Hostname);
            var tcp = new TcpProxy { Clusters = StreamRoutes.TcpClusters(b, service, port, clusters), StatPrefix = name };
            foreach (var range in service.AddressRanges)
                if (TryParse(range, out var normalized, out var length))
                    chains.Add((length, normalized, new FilterChain
                    {
                        Name = $"{name}|{normalized}",
                        Match = new FilterChainMatch { DestinationPort = port.Port, PrefixRanges = [normalized] },
                        Tcp = tcp,
                    }));
        }
        // Longest prefix first; among equal ones the registry's order (host, namespace) decides.
        return chains.OrderByDescending(c => c.Length).Select(c => c.Chain);
    }

    /// <summary>Whether a ServiceEntry address is a CIDR range (<c>ADDR/LEN</c>), with its network address and length.</summary>
    public static bool IsRange(string address) => TryParse(address, out _, out _);

    private static bool TryParse(string text, out string normalized, out int length)
    {
        normalized = "";
        length = 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var ip)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length))
            return false;
        if (length > ip.GetAddressBytes().Length * 8)
            return false;
        normalized = new IPNetwork(Mask(ip, length), length).ToString();
        return true;
    }

    private static IPAddress Mask(IPAddress ip, int length)
    {
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(length - i * 8, 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }
        return new IPAddress(bytes);
    }
}
