using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io HTTPRoute: HTTP routing rules attached to Gateways (or, in the mesh, to Services).</summary>
public sealed record HTTPRoute : SpecObject<HTTPRouteSpec>;

public sealed record HTTPRouteSpec
{
    public IReadOnlyList<ParentReference>? ParentRefs { get; init; }

    public IReadOnlyList<string>? Hostnames { get; init; }

    /// <summary>Defaults to one rule matching every path (prefix <c>/</c>).</summary>
    public IReadOnlyList<HTTPRouteRule>? Rules { get; init; }
}
