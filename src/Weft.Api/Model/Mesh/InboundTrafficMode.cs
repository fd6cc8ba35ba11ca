using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.InboundTrafficPolicy.Mode.</summary>
[WireCase(WireCase.UpperSnake)]
public enum InboundTrafficMode
{
    /// <summary>To the workload's own address (the default).</summary>
    Passthrough,
    /// <summary>To localhost, for applications that only listen there.</summary>
    Localhost,
}
