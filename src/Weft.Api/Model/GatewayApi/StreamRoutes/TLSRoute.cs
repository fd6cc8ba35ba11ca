using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io TLSRoute: routes TLS connections by SNI host name, terminated or passed through.</summary>
public sealed record TLSRoute : SpecObject<TLSRouteSpec>;

public sealed record TLSRouteSpec
{
    public IReadOnlyList<ParentReference>? ParentRefs { get; init; }

    /// <summary>SNI host names; required from v1 on.</summary>
    public IReadOnlyList<string>? Hostnames { get; init; }

    public IReadOnlyList<TLSRouteRule>? Rules { get; init; }
}

public sealed record TLSRouteRule
{
    public string? Name { get; init; }

    public IReadOnlyList<BackendRef>? BackendRefs { get; init; }
}
