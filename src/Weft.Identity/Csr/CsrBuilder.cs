using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Csr;

/// <summary>
/// The proxy's half of issuance: a fresh ECDSA P-256 key, generated here and never sent, and a
/// CSR signed with it that asks for the workload's identity as its one URI SAN.
/// </summary>
public static class CsrBuilder
{
    public static PendingCertificate Create(SpiffeId identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddUri(identity.ToUri());
            request.CertificateExtensions.Add(san.Build(critical: true));
            return new PendingCertificate(identity, key, request.CreateSigningRequestPem());
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
