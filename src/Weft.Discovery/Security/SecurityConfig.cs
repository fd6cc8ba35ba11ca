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

    /// <summary>The external authorization services CUSTOM policies of this proxy name (null: none); a name not here denies (fail closed).</summary>
    public ImmutableArray<ExtAuthzProvider>? ExtAuthzProviders { get; init; }

    /// <summary>How request paths are normalized before authorization matches them (MeshConfig pathNormalization); null: BASE.</summary>
    public PathNormalization? PathNormalization { get; init; }

    /// <summary>The JWT rules of the RequestAuthentications that select this workload, in order (null: none, tokens are not looked at).</summary>
    public ImmutableArray<JwtProvider>? JwtProviders { get; init; }
}

public enum PathNormalization
{
    /// <summary>Paths as received.</summary>
    None,
    /// <summary>RFC 3986: dot segments resolved, percent-encoded unreserved characters decoded.</summary>
    Base,
    /// <summary>BASE, then consecutive slashes merged.</summary>
    MergeSlashes,
    /// <summary>%2F and %5C decoded (backslash becomes slash), then MERGE_SLASHES.</summary>
    DecodeAndMergeSlashes,
}
