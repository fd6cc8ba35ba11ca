using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Spiffe;
using Weft.Identity.Trust;

namespace Weft.Identity.Ca;

/// <summary>What the CA hands back: the certificate, the chain to send with it, and the roots to trust.</summary>
/// <param name="Identity">The SPIFFE id in the URI SAN (null for a certificate with DNS/IP names only).</param>
/// <param name="Certificate">The new certificate (public part only; the key never left the requester).</param>
/// <param name="Chain">The certificate first, then every intermediate up to (not including) the root.</param>
/// <param name="TrustBundle">Every root the mesh trusts now (two during a rotation).</param>
public sealed record IssuedCertificate(SpiffeId? Identity, X509Certificate2 Certificate, ImmutableArray<X509Certificate2> Chain, TrustBundle TrustBundle)
{
    public string ChainPem => Pem.Write(Chain);

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());
}
