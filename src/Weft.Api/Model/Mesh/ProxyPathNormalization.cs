using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.ProxyPathNormalization: how request paths are normalized before routing and authorization.</summary>
[WireNullsAreAbsent]
public sealed record ProxyPathNormalization
{
    public PathNormalizationType? Normalization { get; init; }
}
