using System.Collections.Immutable;

namespace Weft.Discovery.Security;

/// <summary>Slot for the security issue; empty means "no mTLS requirement, no authorization".</summary>
public sealed record SecurityConfig
{
    public PeerAuthenticationConfig PeerAuthentication { get; init; } = new();

    /// <summary>Policies that apply to this proxy's workload, in any order (evaluated CUSTOM, DENY, ALLOW).</summary>
    public ImmutableArray<AuthorizationPolicy> AuthorizationPolicies { get; init; } = [];

    public string TrustDomain { get; init; } = "cluster.local";

    /// <summary>This proxy's own SPIFFE identity, once certificates exist.</summary>
    public string? Identity { get; init; }
}
