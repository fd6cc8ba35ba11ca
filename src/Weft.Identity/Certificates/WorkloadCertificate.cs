using System.Collections.Immutable;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Spiffe;
using Weft.Identity.Trust;

namespace Weft.Identity.Certificates;

/// <summary>
/// A workload's certificate with its private key, the intermediates it is sent with, and the
/// roots it trusts. Immutable; a renewal makes a new one. Never disposed while published: a TLS
/// handshake in flight may still be using it, and the next one simply picks up the new one.
/// </summary>
public sealed class WorkloadCertificate
{
    private readonly Lazy<SslStreamCertificateContext> _context;

    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    public WorkloadCertificate(X509Certificate2 certificate, ImmutableArray<X509Certificate2> intermediates, TrustBundle trustBundle, SpiffeId identity)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
            throw new ArgumentException("a workload certificate needs its private key", nameof(certificate));
        Certificate = certificate;
        Intermediates = intermediates.IsDefault ? [] : intermediates;
        TrustBundle = trustBundle;
        Identity = identity;
        // offline: the chain is complete as given; nothing is fetched from the network.
        _context = new(() => SslStreamCertificateContext.Create(Certificate, [.. Intermediates], offline: true));
    }

    public X509Certificate2 Certificate { get; }

    public ImmutableArray<X509Certificate2> Intermediates { get; }

    public TrustBundle TrustBundle { get; }

    public SpiffeId Identity { get; }

    public DateTimeOffset NotBefore => new(Certificate.NotBefore.ToUniversalTime());

    public DateTimeOffset NotAfter => new(Certificate.NotAfter.ToUniversalTime());

    public TimeSpan Lifetime => NotAfter - NotBefore;

    /// <summary>For <see cref="SslServerAuthenticationOptions.ServerCertificateContext"/> and <see cref="SslClientAuthenticationOptions.ClientCertificateContext"/>: the certificate sent with its intermediates.</summary>
    public SslStreamCertificateContext Context => _context.Value;

    /// <summary>The certificate and intermediates, PEM (Istio's cert-chain.pem).</summary>
    public string ChainPem => Pem.Write([Certificate, .. Intermediates]);

    /// <summary>The private key, PKCS#8 PEM (Istio's key.pem). Only for a 0600 file.</summary>
    public string KeyPem()
    {
        using var key = Certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("the workload key is not ECDSA");
        return key.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Reads back what <see cref="ChainPem"/>, <see cref="KeyPem"/> and the bundle's PEM wrote.</summary>
    /// <exception cref="CryptographicException">The files do not hold a certificate, a matching ECDSA key, or one URI SAN that is a workload identity.</exception>
    public static WorkloadCertificate FromPem(string chainPem, string keyPem, TrustBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var chain = Pem.ReadCertificates(chainPem);
        if (chain.IsEmpty)
            throw new CryptographicException("the certificate chain holds no PEM CERTIFICATE");
        var san = SubjectAltNames.Of(chain[0]);
        if (san.Uris.Length != 1)
            throw new CryptographicException($"the certificate carries {san.Uris.Length} URI SANs; a workload certificate carries exactly one SPIFFE id");
        if (!SpiffeId.TryParse(san.Uris[0], out var identity, out var error))
            throw new CryptographicException($"the certificate does not name a workload identity: {error}");
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(keyPem);
        }
        catch (ArgumentException e)
        {
            throw new CryptographicException($"the private key is not a PEM ECDSA key ({e.Message})", e);
        }
        X509Certificate2 withKey;
        try
        {
            withKey = chain[0].CopyWithPrivateKey(key);
        }
        catch (ArgumentException e)
        {
            throw new CryptographicException("the private key does not belong to the certificate", e);
        }
        return new WorkloadCertificate(withKey, chain[1..], bundle, identity);
    }
}
