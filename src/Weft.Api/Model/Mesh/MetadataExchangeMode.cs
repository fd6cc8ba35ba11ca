using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyHeaders.MetadataExchangeMode.</summary>
[WireCase(WireCase.UpperSnake)]
public enum MetadataExchangeMode
{
    /// <summary>Always (the default).</summary>
    Undefined,
    /// <summary>Only to destinations in the mesh.</summary>
    InMesh,
}
