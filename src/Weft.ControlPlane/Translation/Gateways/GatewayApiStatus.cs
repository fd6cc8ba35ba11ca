using System.Collections.Immutable;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// The status the Gateway API asks a controller to write, computed with the translation of one
/// revision so it always says what the proxies were given: GatewayClass Accepted; Gateway
/// Accepted/Programmed with each listener's Accepted/Programmed/ResolvedRefs and attached route
/// count; each route's Accepted/ResolvedRefs per parent.
/// </summary>
public sealed record GatewayApiStatus(ImmutableArray<ClassStatus> Classes, ImmutableArray<GatewayStatus> Gateways, ImmutableArray<RouteStatus> Routes)
{
    public const string ControllerName = "istio.io/gateway-controller";

    public static GatewayApiStatus Empty { get; } = new([], [], []);
}

/// <summary>One condition; ObservedGeneration is the object's generation it was computed from.</summary>
public sealed record GatewayCondition(string Type, bool Status, string Reason, string Message);

public sealed record ClassStatus(string Name, long Generation, ImmutableArray<GatewayCondition> Conditions);

public sealed record ListenerStatus(string Name, ImmutableArray<string> SupportedKinds, int AttachedRoutes, ImmutableArray<GatewayCondition> Conditions);

public sealed record GatewayStatus(string Namespace, string Name, long Generation, ImmutableArray<GatewayCondition> Conditions,
    ImmutableArray<ListenerStatus> Listeners, ImmutableArray<string> Addresses);

/// <summary>A route's status towards one parentRef, as written (namespace filled in only when the route wrote it).</summary>
public sealed record RouteParentStatus(string? ParentNamespace, string ParentName, string? SectionName, int? Port, ImmutableArray<GatewayCondition> Conditions);

public sealed record RouteStatus(string Kind, string Namespace, string Name, long Generation, ImmutableArray<RouteParentStatus> Parents);
