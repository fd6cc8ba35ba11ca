using System.Collections.Immutable;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Bootstrap;

/// <summary>
/// What the control plane remembers of an issued bootstrap token: the identity it is bound to,
/// the hash of its secret, its expiry, and when it was used (it works once).
/// </summary>
public sealed record BootstrapGrant(string Id, SpiffeId Identity, ImmutableArray<byte> SecretHash, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
}
