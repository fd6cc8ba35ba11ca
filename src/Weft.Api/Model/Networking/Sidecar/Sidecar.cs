using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io Sidecar: the inbound listeners and the outbound hosts a sidecar proxy is configured with.</summary>
[WireNullsAreAbsent]
public sealed record Sidecar : SpecObject<SidecarSpec>;

[WireNullsAreAbsent]
public sealed record SidecarSpec
{
    public WorkloadLabelSelector? WorkloadSelector { get; init; }
    public IReadOnlyList<IstioIngressListener>? Ingress { get; init; }
    public IReadOnlyList<IstioEgressListener>? Egress { get; init; }
    public ConnectionPoolSettings? InboundConnectionPool { get; init; }
    public OutboundTrafficPolicy? OutboundTrafficPolicy { get; init; }
}
