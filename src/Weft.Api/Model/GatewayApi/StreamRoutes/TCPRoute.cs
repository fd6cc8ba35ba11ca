using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io TCPRoute: forwards TCP connections from a listener to weighted backends.</summary>
public sealed record TCPRoute : SpecObject<TCPRouteSpec>;

public sealed record TCPRouteSpec
{
    public IReadOnlyList<ParentReference>? ParentRefs { get; init; }

    public IReadOnlyList<TCPRouteRule>? Rules { get; init; }
}

public sealed record TCPRouteRule
{
    public string? Name { get; init; }

    public IReadOnlyList<BackendRef>? BackendRefs { get; init; }
}
