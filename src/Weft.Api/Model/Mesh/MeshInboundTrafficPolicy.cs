using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.InboundTrafficPolicy: where a sidecar delivers inbound traffic.</summary>
[WireNullsAreAbsent]
public sealed record MeshInboundTrafficPolicy
{
    public InboundTrafficMode? Mode { get; init; }
}
