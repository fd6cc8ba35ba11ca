using System.Security.Cryptography.X509Certificates;

namespace Weft.Identity.Ca;

/// <summary>
/// One root of the mesh over time: it signs from <see cref="SignsFrom"/> (when it has an
/// authority) and its root stays in the trust bundle until <see cref="TrustedUntil"/> (null: for
/// as long as it is the newest). A root rotation adds a generation and gives the previous one an
/// end, so both roots are trusted while workloads move over.
/// </summary>
/// <param name="Authority">The signer; null for a root that is only still trusted (a plugged-in CA's previous root, whose key Weft never had).</param>
/// <param name="Root">The root certificate workloads trust.</param>
/// <param name="SignsFrom">When this generation starts signing.</param>
/// <param name="TrustedUntil">When its root leaves the trust bundle; null while it is current.</param>
public sealed record CaGeneration(SigningAuthority? Authority, X509Certificate2 Root, DateTimeOffset SignsFrom, DateTimeOffset? TrustedUntil)
{
    public bool IsTrustedAt(DateTimeOffset now) => TrustedUntil is not { } until || until > now;

    public bool SignsAt(DateTimeOffset now) => Authority is not null && SignsFrom <= now && IsTrustedAt(now);
}
