using Weft.Api.Model.Core;

namespace Weft.Api.Model.GatewayApi;

/// <summary>Which routes may attach to a listener: from which namespaces, of which kinds.</summary>
public sealed record AllowedRoutes
{
    public RouteNamespaces? Namespaces { get; init; }

    public IReadOnlyList<RouteGroupKind>? Kinds { get; init; }
}

/// <summary>The namespaces routes may attach from; defaults to the Gateway's own.</summary>
public sealed record RouteNamespaces
{
    /// <summary>All, Selector or Same (the default).</summary>
    public FromNamespaces? From { get; init; }

    /// <summary>Namespaces by label, when <see cref="From"/> is Selector.</summary>
    public LabelSelector? Selector { get; init; }
}

/// <summary>Which ListenerSets may add listeners to a Gateway.</summary>
public sealed record AllowedListeners
{
    public ListenerNamespaces? Namespaces { get; init; }
}

/// <summary>The namespaces ListenerSets may attach from; defaults to none.</summary>
public sealed record ListenerNamespaces
{
    /// <summary>All, Selector, Same or None (the default).</summary>
    public FromNamespaces? From { get; init; }

    public LabelSelector? Selector { get; init; }
}

/// <summary>
/// Where attachments may come from. Route namespaces allow All, Selector and Same; listener
/// namespaces also None. One enum serves both, as in the Go API; validation tells them apart.
/// </summary>
public enum FromNamespaces
{
    All,
    Selector,
    Same,
    None,
}
