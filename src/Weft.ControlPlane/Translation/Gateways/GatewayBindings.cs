using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// What one gateway proxy serves (pilot's MergedGateway): the servers of every gateway selecting
/// it, by port (oldest gateway first, so on a conflict the first by creation time wins), and the
/// route sets bound to those gateways: VirtualServices (their match blocks narrowed to the
/// gateway at hand) and Gateway API routes.
/// </summary>
public sealed class GatewayBindings
{
    private GatewayBindings(ImmutableArray<(int Port, ImmutableArray<GatewayServer> Servers)> ports, ImmutableArray<GatewayRouteSet> sets)
    {
        Ports = ports;
        Sets = sets;
    }

    public ImmutableArray<(int Port, ImmutableArray<GatewayServer> Servers)> Ports { get; }
    public ImmutableArray<GatewayRouteSet> Sets { get; }

    public static GatewayBindings For(ProxyBuild b)
    {
        var index = b.Push.Gateways;
        var selected = index.Gateways.Where(g => g.Selects(b.Node.Namespace, b.Node.Labels)).ToList();
        var ports = selected.SelectMany(g => g.Servers).GroupBy(s => s.Port).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.ToImmutableArray())).ToImmutableArray();
        var keys = selected.SelectMany(g => g.Servers.Select(s => s.GatewayKey)).Concat(selected.Select(g => g.Key)).ToHashSet(StringComparer.Ordinal);
        var sets = ImmutableArray.CreateBuilder<GatewayRouteSet>();
        foreach (var vs in index.VirtualServices)
        {
            if (!vs.Gateways.Any(keys.Contains) || !vs.ExportTo.VisibleTo(b.Node.Namespace))
                continue;
            sets.Add(new GatewayRouteSet(vs.Id, vs.Namespace, vs.Gateways, vs.Hosts)
            {
                Http = DelegateFlattener.Flatten(b.Push, vs),
                Tcp = [.. vs.Spec.Tcp ?? []],
                Tls = [.. vs.Spec.Tls ?? []],
            });
        }
        foreach (var set in index.ApiRoutes)
            if (set.GatewayKeys.Any(keys.Contains))
                sets.Add(set);
        return new GatewayBindings(ports, sets.ToImmutable());
    }

    /// <summary>
    /// Istio's rule for a VirtualService host on a server host: the more specific of the two when
    /// one covers the other (a VirtualService for <c>*.example.com</c> on a server for
    /// <c>a.example.com</c> serves <c>a.example.com</c>), else none.
    /// </summary>
    public static string? Intersect(string serverHost, string routeHost) =>
        HostNames.Matches(serverHost, routeHost) ? routeHost
        : HostNames.Matches(routeHost, serverHost) ? serverHost
        : null;

    /// <summary>
    /// An http route as it applies to one gateway: match blocks naming other gateways are dropped
    /// and the rest lose their gateways (already decided); a route left without blocks is dropped.
    /// </summary>
    public static FlatHttpRoute? ForGateway(FlatHttpRoute flat, string gatewayKey, string vsNamespace)
    {
        if (flat.Route.Match is not { Count: > 0 } matches)
            return flat;
        var kept = new List<HttpMatchRequest>();
        foreach (var m in matches)
        {
            if (m.Gateways is { Count: > 0 } g && !g.Any(n => GatewayIndex.GatewayKey(n, vsNamespace) == gatewayKey))
                continue;
            kept.Add(m with { Gateways = null });
        }
        return kept.Count == 0 ? null : flat with { Route = flat.Route with { Match = kept } };
    }

    /// <summary>Whether an L4 match (gateways, port) applies to a server.</summary>
    public static bool Applies(IReadOnlyList<string>? gateways, uint? port, GatewayServer server, string vsNamespace) =>
        (gateways is not { Count: > 0 } g || g.Any(n => GatewayIndex.GatewayKey(n, vsNamespace) == server.GatewayKey))
        && (port is null || port == server.Port);
}
