using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Weft.Identity.Ca;

/// <summary>
/// A certificate that signs workload certificates, with its private key, the intermediates
/// between it and its root, and the root. A generated root signs for itself; a plugged-in CA
/// (Istio's cacerts) is usually an intermediate whose chain is handed to every workload.
/// </summary>
public sealed class SigningAuthority
{
    /// <summary>id-ecPublicKey and prime256v1: the only key Weft generates.</summary>
    internal const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    public SigningAuthority(X509Certificate2 certificate, IEnumerable<X509Certificate2> intermediates, X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(root);
        if (!certificate.HasPrivateKey)
            throw new ArgumentException($"the signing certificate {certificate.Subject} has no private key", nameof(certificate));
        Certificate = certificate;
        Intermediates = [.. intermediates ?? []];
        Root = root;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Certificates between <see cref="Certificate"/> and <see cref="Root"/>, nearest first.</summary>
    public ImmutableArray<X509Certificate2> Intermediates { get; }

    public X509Certificate2 Root { get; }

    public bool IsRoot => Certificate.RawDataMemory.Span.SequenceEqual(Root.RawDataMemory.Span);

    /// <summary>What a workload sends after its own certificate: the signer (unless it is the root) and the intermediates.</summary>
    public ImmutableArray<X509Certificate2> ChainAboveLeaves => IsRoot ? Intermediates : [Certificate, .. Intermediates];

    /// <summary>No certificate signed here can outlive this: the earliest end of the chain.</summary>
    public DateTimeOffset NotAfter
    {
        get
        {
            var end = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
            foreach (var c in Intermediates.Append(Root))
            {
                var e = new DateTimeOffset(c.NotAfter.ToUniversalTime());
                if (e < end)
                    end = e;
            }
            return end;
        }
    }

    /// <summary>A new self-signed root: ECDSA P-256, CA:true, keyCertSign and cRLSign, valid from a minute ago for <paramref name="lifetime"/>.</summary>
    public static SigningAuthority GenerateRoot(string trustDomain, DateTimeOffset now, TimeSpan lifetime)
    {
        Spiffe.TrustDomain.Require(trustDomain);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A root's name is only for people and for chain building; the suffix tells rotated roots apart.
        var name = new X500DistinguishedName($"CN=Weft Root CA {now:yyyy-MM-dd} {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}, O={trustDomain}");
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var root = request.CreateSelfSigned(now - LeafBuilder.ClockSkew, now + lifetime);
        return new SigningAuthority(root, [], X509CertificateLoader.LoadCertificate(root.RawData));
    }

    internal (X509SignatureGenerator Generator, HashAlgorithmName Hash) Signer()
    {
        if (Certificate.GetECDsaPrivateKey() is { } ec)
        {
            var hash = ec.KeySize switch
            {
                <= 256 => HashAlgorithmName.SHA256,
                <= 384 => HashAlgorithmName.SHA384,
                _ => HashAlgorithmName.SHA512,
            };
            return (X509SignatureGenerator.CreateForECDsa(ec), hash);
        }
        if (Certificate.GetRSAPrivateKey() is { } rsa)
            return (X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256);
        throw new CryptographicException($"the signing certificate {Certificate.Subject} has a key that is neither ECDSA nor RSA");
    }
}
