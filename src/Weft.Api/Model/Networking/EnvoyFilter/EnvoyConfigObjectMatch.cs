using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Which objects a patch applies to: a context, a proxy, and at most one of listener, route configuration, cluster or waypoint.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyConfigObjectMatch
{
    public EnvoyFilterPatchContext? Context { get; init; }
    public EnvoyFilterProxyMatch? Proxy { get; init; }
    public EnvoyFilterListenerMatch? Listener { get; init; }
    public EnvoyFilterRouteConfigurationMatch? RouteConfiguration { get; init; }
    public EnvoyFilterClusterMatch? Cluster { get; init; }
    public EnvoyFilterWaypointMatch? Waypoint { get; init; }
}
