using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Network: which endpoints belong to a network, and the gateways other networks reach them through.</summary>
[WireNullsAreAbsent]
public sealed record MeshNetwork
{
    public IReadOnlyList<NetworkEndpoints>? Endpoints { get; init; }
    public IReadOnlyList<IstioNetworkGateway>? Gateways { get; init; }
}
