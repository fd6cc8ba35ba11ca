using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.OutboundTrafficPolicy.Mode.</summary>
[WireCase(WireCase.UpperSnake)]
public enum OutboundTrafficMode
{
    /// <summary>Only registered services and ServiceEntries are reachable.</summary>
    RegistryOnly,
    /// <summary>Unknown destinations are passed through (the default).</summary>
    AllowAny,
}
