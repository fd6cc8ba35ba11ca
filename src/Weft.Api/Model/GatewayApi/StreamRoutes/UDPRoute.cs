using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io UDPRoute: forwards UDP datagrams from a listener to weighted backends.</summary>
public sealed record UDPRoute : SpecObject<UDPRouteSpec>;

public sealed record UDPRouteSpec
{
    public IReadOnlyList<ParentReference>? ParentRefs { get; init; }

    public IReadOnlyList<UDPRouteRule>? Rules { get; init; }
}

public sealed record UDPRouteRule
{
    public string? Name { get; init; }

    public IReadOnlyList<BackendRef>? BackendRefs { get; init; }
}
