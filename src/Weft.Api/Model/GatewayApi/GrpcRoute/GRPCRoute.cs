using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io GRPCRoute: gRPC routing by service and method.</summary>
public sealed record GRPCRoute : SpecObject<GRPCRouteSpec>;

public sealed record GRPCRouteSpec
{
    public IReadOnlyList<ParentReference>? ParentRefs { get; init; }

    public IReadOnlyList<string>? Hostnames { get; init; }

    public IReadOnlyList<GRPCRouteRule>? Rules { get; init; }
}
