using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>
/// istio.mesh.v1alpha1.MeshNetworks: the networks of a multi-network mesh, by name, with the
/// endpoints each holds and the gateways that reach it (the <c>meshNetworks</c> key of the
/// <c>istio</c> ConfigMap). A plain document, read as protobuf JSON like <see cref="MeshConfig"/>.
/// </summary>
[WireNullsAreAbsent]
public sealed record MeshNetworks
{
    public IReadOnlyDictionary<string, MeshNetwork>? Networks { get; init; }
}
