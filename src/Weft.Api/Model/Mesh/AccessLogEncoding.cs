using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.AccessLogEncoding.</summary>
[WireCase(WireCase.UpperSnake)]
public enum AccessLogEncoding
{
    Text,
    Json,
}
