using System.Diagnostics.CodeAnalysis;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Trust;

/// <summary>The outcome of checking a peer's certificate: its identity, or why it is refused.</summary>
public sealed record PeerVerification(SpiffeId? Identity, string? Error)
{
    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Ok => Identity is not null;

    public static PeerVerification Refused(string error) => new(null, error);
}
