using System.Globalization;
using System.Text.Json;
using Weft.Cli.Output;
using Weft.Discovery.Clusters;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;

namespace Weft.Cli.Commands;

/// <summary>istioctl's proxy-config tables, from a proxy's snapshot.</summary>
public static class ProxyConfigTables
{
    public static string Clusters(ProxySnapshot s)
    {
        var t = new Table(["SERVICE FQDN", "PORT", "SUBSET", "DIRECTION", "TYPE", "DESTINATION RULE"]);
        foreach (var c in s.Clusters)
        {
            var parts = c.Name.Split('|');
            var direction = parts.Length == 4 ? parts[0] : "-";
            var fqdn = c.ServiceName.Length > 0 ? c.ServiceName : parts.Length == 4 ? "" : c.Name;
            var port = c.Port > 0 ? c.Port.ToString(CultureInfo.InvariantCulture) : "-";
            var type = c.Type switch { ClusterType.Eds => "EDS", ClusterType.OriginalDestination => "ORIGINAL_DST", _ => "STATIC" };
            t.Add(fqdn, port, c.Subset.Length > 0 ? c.Subset : "-", direction, type, c.DestinationRule ?? "");
        }
        return t.ToString();
    }

    public static string Routes(ProxySnapshot s)
    {
        var t = new Table(["NAME", "VHOST NAME", "DOMAINS", "MATCH", "VIRTUAL SERVICE"]);
        foreach (var rc in s.RouteConfigurations)
            foreach (var vh in rc.VirtualHosts)
                foreach (var r in vh.Routes)
                    t.Add(rc.Name, vh.Name, Domains(vh), Match(r.Match), r.VirtualService ?? "");
        return t.ToString();
    }

    public static string Listeners(ProxySnapshot s)
    {
        var t = new Table(["ADDRESS", "PORT", "MATCH", "DESTINATION"]);
        foreach (var l in s.Listeners)
        {
            foreach (var c in l.FilterChains)
                t.Add(l.Address, l.Port.ToString(CultureInfo.InvariantCulture), ChainMatch(c.Match, l), Destination(c));
            if (l.DefaultFilterChain is { } d)
                t.Add(l.Address, l.Port.ToString(CultureInfo.InvariantCulture), "ALL", Destination(d));
        }
        return t.ToString();
    }

    /// <summary>From the proxy's /clusters?format=json: each endpoint's health and outlier state.</summary>
    public static string Endpoints(string clustersJson)
    {
        var t = new Table(["ENDPOINT", "STATUS", "OUTLIER CHECK", "CLUSTER"]);
        using var doc = JsonDocument.Parse(clustersJson);
        if (doc.RootElement.TryGetProperty("clusters", out var clusters))
        {
            foreach (var c in clusters.EnumerateArray())
            {
                var name = c.GetProperty("name").GetString() ?? "";
                foreach (var e in c.GetProperty("endpoints").EnumerateArray())
                {
                    var health = e.GetProperty("health").GetString() ?? "";
                    var ejected = e.TryGetProperty("ejected", out var ej) && ej.GetBoolean();
                    t.Add(e.GetProperty("address").GetString() ?? "", health.ToUpperInvariant(), ejected ? "FAILED" : "OK", name);
                }
            }
        }
        return t.ToString();
    }

    private static string Domains(VirtualHost vh) =>
        vh.Domains.Length <= 2 ? string.Join(", ", vh.Domains) : $"{vh.Domains[0]} + {vh.Domains.Length - 1} more...";

    public static string Match(RouteMatch m)
    {
        var path = m.Path switch
        {
            null => "*",
            { Exact: { } e } => e,
            { Prefix: { } p } => p + "*",
            { PathSeparatedPrefix: { } p } => p + "/*",
            { Regex: { } r } => "~" + r,
            _ => "*",
        };
        var extras = m.Headers.Length + m.QueryParameters.Length;
        return extras == 0 ? path : $"{path} (+{extras} conditions)";
    }

    private static string ChainMatch(FilterChainMatch m, Listener l)
    {
        var parts = new List<string>();
        if (m.ServerNames.Length > 0)
            parts.Add("SNI: " + string.Join(",", m.ServerNames));
        if (m.DestinationHosts.Length > 0)
            parts.Add($"Addr: {m.DestinationHosts[0]}:{m.DestinationPort}" + (m.DestinationHosts.Length > 1 ? $" (+{m.DestinationHosts.Length - 1} names)" : ""));
        else if (m.DestinationPort is { } p && p != l.Port)
            parts.Add($"Port: {p}");
        if (m.TransportProtocol is { } tp)
            parts.Add("Trans: " + tp);
        return parts.Count == 0 ? "ALL" : string.Join("; ", parts);
    }

    private static string Destination(FilterChain c) =>
        c.Http is { } h ? "Route: " + h.RouteConfigName
        : c.Tcp is { } tcp ? "Cluster: " + string.Join(", ", tcp.Clusters.Select(w => tcp.Clusters.Length > 1 ? $"{w.Name} ({w.Weight})" : w.Name))
        : "-";
}
