using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Ca;

/// <summary>
/// Builds the certificates the CA signs, from scratch: nothing a requester wrote in its CSR is
/// copied, only its public key. Workload certificates carry exactly one URI SAN (the identity),
/// an empty subject (as Istio's do, so the SAN is critical), CA:false, digitalSignature, and
/// serverAuth + clientAuth: the same certificate serves both ends of mutual TLS.
/// </summary>
internal static class LeafBuilder
{
    /// <summary>Certificates start a minute in the past so a peer whose clock is a little behind accepts them at once.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static readonly OidCollection TlsUsages = [new Oid("1.3.6.1.5.5.7.3.1", "serverAuth"), new Oid("1.3.6.1.5.5.7.3.2", "clientAuth")];

    public static X509Certificate2 Build(SigningAuthority signer, PublicKey subjectKey, SpiffeId? identity, IEnumerable<string> dnsNames,
        IEnumerable<IPAddress> ipAddresses, DateTimeOffset now, TimeSpan ttl)
    {
        var (generator, hash) = signer.Signer();
        var request = new CertificateRequest(new X500DistinguishedName(""), subjectKey, hash);
        var san = new SubjectAlternativeNameBuilder();
        if (identity is not null)
            san.AddUri(identity.ToUri());
        foreach (var dns in dnsNames)
            san.AddDnsName(dns);
        foreach (var ip in ipAddresses)
            san.AddIpAddress(ip);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(TlsUsages, critical: false));
        // An empty subject makes the SAN the only name, and RFC 5280 then wants it critical.
        request.CertificateExtensions.Add(san.Build(critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(subjectKey, critical: false));
        if (signer.Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any())
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var notAfter = now + ttl;
        if (notAfter > signer.NotAfter)
            notAfter = signer.NotAfter;
        return request.Create(signer.Certificate.SubjectName, generator, now - ClockSkew, notAfter, Serial());
    }

    /// <summary>128 random bits, positive and never zero (RFC 5280 wants at most 20 octets, positive).</summary>
    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
