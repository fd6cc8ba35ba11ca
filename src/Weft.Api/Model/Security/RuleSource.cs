namespace Weft.Api.Model.Security;

/// <summary>
/// Source: the peer of a request. Fields are ANDed, values within a field ORed; values match
/// exactly, by prefix (<c>abc*</c>), by suffix (<c>*abc</c>) or by presence (<c>*</c>).
/// </summary>
public sealed record RuleSource
{
    /// <summary>Peer identities, <c>TRUST_DOMAIN/ns/NAMESPACE/sa/SERVICE_ACCOUNT</c> (mTLS only).</summary>
    public IReadOnlyList<string>? Principals { get; init; }
    public IReadOnlyList<string>? NotPrincipals { get; init; }

    /// <summary>Request identities from the JWT, <c>ISS/SUB</c>.</summary>
    public IReadOnlyList<string>? RequestPrincipals { get; init; }
    public IReadOnlyList<string>? NotRequestPrincipals { get; init; }

    /// <summary>The peer's namespace (mTLS only).</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }
    public IReadOnlyList<string>? NotNamespaces { get; init; }

    /// <summary>Service accounts, <c>NAMESPACE/SA</c> or <c>SA</c> in the policy's namespace; not with namespaces or principals.</summary>
    public IReadOnlyList<string>? ServiceAccounts { get; init; }
    public IReadOnlyList<string>? NotServiceAccounts { get; init; }

    /// <summary>The peer's address (the connection's source), IPs or CIDR ranges.</summary>
    public IReadOnlyList<string>? IpBlocks { get; init; }
    public IReadOnlyList<string>? NotIpBlocks { get; init; }

    /// <summary>The original client's address (X-Forwarded-For or PROXY protocol), IPs or CIDR ranges.</summary>
    public IReadOnlyList<string>? RemoteIpBlocks { get; init; }
    public IReadOnlyList<string>? NotRemoteIpBlocks { get; init; }

    /// <summary>The peer's trust domain (mTLS only).</summary>
    public IReadOnlyList<string>? TrustDomains { get; init; }
    public IReadOnlyList<string>? NotTrustDomains { get; init; }
}
