using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>What happens to calls to hosts the registry does not know: refused, or passed through (optionally via an egress proxy).</summary>
[WireNullsAreAbsent]
public sealed record OutboundTrafficPolicy
{
    public OutboundTrafficPolicyMode? Mode { get; init; }
    public Destination? EgressProxy { get; init; }
}
