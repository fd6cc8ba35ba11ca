namespace Weft.Api.Model.GatewayApi;

/// <summary>
/// A route's attachment point: a Gateway (or a Service, for mesh routes), optionally one of its
/// listeners (<see cref="SectionName"/>) or ports.
/// </summary>
public sealed record ParentReference
{
    /// <summary>Defaults to <c>gateway.networking.k8s.io</c>.</summary>
    public string? Group { get; init; }

    /// <summary>Defaults to <c>Gateway</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Defaults to the route's own namespace.</summary>
    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string? SectionName { get; init; }

    public int? Port { get; init; }

    public string GroupOrDefault => Group ?? GatewayApiDefaults.Group;

    public string KindOrDefault => Kind ?? "Gateway";
}
