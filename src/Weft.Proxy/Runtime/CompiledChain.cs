using Weft.Discovery.Listeners;
using Weft.Proxy.Routing;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Runtime;

/// <summary>A filter chain compiled: its match and either an HTTP route table or TCP destinations.</summary>
public sealed class CompiledChain
{
    public CompiledChain(FilterChain f, IReadOnlyDictionary<string, CompiledRouteTable> tables, IReadOnlyDictionary<string, ClusterRuntime> clusters)
    {
        Name = f.Name;
        Match = f.Match;
        Http = f.Http;
        RouteTable = f.Http is { } h ? tables[h.RouteConfigName] : null;
        if (f.Tcp is { } t)
        {
            TcpDestinations = [.. t.Clusters.Select(c => new CompiledDestination(clusters[c.Name], c.Weight, CompiledHeaderOps.Empty, CompiledHeaderOps.Empty))];
            TcpIdleTimeout = t.IdleTimeout ?? TimeSpan.FromHours(1);
            StatPrefix = t.StatPrefix ?? f.Name;
        }
        else
        {
            StatPrefix = f.Http?.StatPrefix ?? f.Name;
        }
        NeedsTlsSniff = !Match.ServerNames.IsDefaultOrEmpty || Match.TransportProtocol is not null;
        PrefixRanges = Match.PrefixRanges.IsDefaultOrEmpty ? [] : [.. Match.PrefixRanges.Select(r => System.Net.IPNetwork.Parse(r))];
        Tls = f.Tls is { } tls ? Gateways.GatewayTls.Compile(tls, f.Name) : null;
    }

    /// <summary>TLS the chain terminates (a gateway's HTTPS server), compiled once per snapshot.</summary>
    public Gateways.GatewayTls? Tls { get; }

    public string Name { get; }

    public FilterChainMatch Match { get; }

    public HttpConnectionManager? Http { get; }

    public CompiledRouteTable? RouteTable { get; }

    public CompiledDestination[] TcpDestinations { get; } = [];

    public TimeSpan TcpIdleTimeout { get; }

    public string StatPrefix { get; }

    public bool NeedsTlsSniff { get; }

    /// <summary>The match's CIDR ranges, parsed once per snapshot.</summary>
    public System.Net.IPNetwork[] PrefixRanges { get; }

    /// <summary>Whether a connection to (host, port), with this SNI and transport, fits the chain.</summary>
    public bool Matches(string? destinationHost, int destinationPort, string? sni, string? transport)
    {
        var m = Match;
        if (m.DestinationPort is { } p && p != destinationPort)
            return false;
        if (!m.DestinationHosts.IsDefaultOrEmpty)
        {
            if (destinationHost is null)
                return false;
            var found = false;
            foreach (var h in m.DestinationHosts)
                found |= string.Equals(h, destinationHost, StringComparison.OrdinalIgnoreCase);
            if (!found)
                return false;
        }
        if (PrefixRanges.Length > 0 && !InRange(destinationHost))
            return false;
        if (m.TransportProtocol is { } tp && tp != (transport ?? "raw_buffer"))
            return false;
        if (!m.ServerNames.IsDefaultOrEmpty)
        {
            if (sni is null)
                return false;
            var found = false;
            foreach (var n in m.ServerNames)
                found |= n.StartsWith("*.", StringComparison.Ordinal)
                    ? sni.Length > n.Length - 1 && sni.EndsWith(n[1..], StringComparison.OrdinalIgnoreCase)
                    : string.Equals(n, sni, StringComparison.OrdinalIgnoreCase);
            if (!found)
                return false;
        }
        return true;
    }

    private bool InRange(string? destinationHost)
    {
        if (destinationHost is null || !System.Net.IPAddress.TryParse(destinationHost.AsSpan().Trim(['[', ']']), out var ip))
            return false;
        foreach (var range in PrefixRanges)
            if (range.Contains(ip))
                return true;
        return false;
    }

    public CompiledDestination PickTcpDestination()
    {
        var d = TcpDestinations;
        if (d.Length == 1)
            return d[0];
        var total = 0;
        foreach (var x in d)
            total += x.Weight;
        var r = Random.Shared.Next(total);
        foreach (var x in d)
        {
            r -= x.Weight;
            if (r < 0)
                return x;
        }
        return d[^1];
    }
}
