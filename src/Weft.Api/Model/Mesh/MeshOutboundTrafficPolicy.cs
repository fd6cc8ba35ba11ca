using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.OutboundTrafficPolicy: what a sidecar does with calls to hosts it does not know.</summary>
[WireNullsAreAbsent]
public sealed record MeshOutboundTrafficPolicy
{
    public OutboundTrafficMode? Mode { get; init; }
}
