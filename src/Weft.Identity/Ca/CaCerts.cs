using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Trust;

namespace Weft.Identity.Ca;

/// <summary>
/// A CA plugged in from files in Istio's <c>cacerts</c> layout:
/// <list type="bullet">
/// <item><c>ca-cert.pem</c>: the certificate that signs workload certificates (usually an intermediate);</item>
/// <item><c>ca-key.pem</c>: its private key (PKCS#8, SEC1 EC or PKCS#1 RSA; not encrypted);</item>
/// <item><c>root-cert.pem</c>: the root (or roots) workloads trust;</item>
/// <item><c>cert-chain.pem</c>: the chain from ca-cert.pem up to the root, handed to workloads after their own certificate.</item>
/// </list>
/// Every problem is reported at once: missing files, a key that is not ca-cert's, a certificate
/// that is not a CA or cannot sign certificates, a chain that does not reach the root, expiry.
/// </summary>
public static class CaCerts
{
    public const string CaCert = "ca-cert.pem";
    public const string CaKey = "ca-key.pem";
    public const string RootCert = "root-cert.pem";
    public const string CertChain = "cert-chain.pem";

    /// <exception cref="CaLoadException">Every reason the directory is not a usable CA.</exception>
    public static SigningAuthority Load(string dir, DateTimeOffset now)
    {
        var problems = new List<string>();
        string? Read(string name)
        {
            var path = Path.Combine(dir, name);
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(e is FileNotFoundException ? $"{name} is missing" : $"{name} cannot be read: {e.Message}");
                return null;
            }
        }
        ImmutableArray<X509Certificate2> Certs(string name, string? text)
        {
            if (text is null)
                return [];
            try
            {
                var certs = Pem.ReadCertificates(text);
                if (certs.IsEmpty)
                    problems.Add($"{name} holds no PEM CERTIFICATE");
                return certs;
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                problems.Add($"{name} holds a certificate that cannot be read: {e.Message}");
                return [];
            }
        }

        var caCerts = Certs(CaCert, Read(CaCert));
        var keyText = Read(CaKey);
        var roots = Certs(RootCert, Read(RootCert));
        var chainText = File.Exists(Path.Combine(dir, CertChain)) ? Read(CertChain) : null;
        var chain = chainText is null ? [] : Certs(CertChain, chainText);
        if (chainText is null)
            problems.Add($"{CertChain} is missing (it holds ca-cert.pem's chain up to the root; for a CA that is itself the root, it is ca-cert.pem)");
        if (caCerts.IsEmpty || keyText is null || roots.IsEmpty)
            throw new CaLoadException(dir, problems);

        var caCert = caCerts[0];
        X509Certificate2? withKey = null;
        try
        {
            withKey = AttachKey(caCert, keyText);
        }
        catch (CryptographicException e)
        {
            problems.Add($"{CaKey}: {e.Message}");
        }

        var basic = caCert.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (basic is not { CertificateAuthority: true })
            problems.Add($"{CaCert} (\"{caCert.Subject}\") is not a CA certificate (no basicConstraints CA:true)");
        var usage = caCert.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
            problems.Add($"{CaCert} (\"{caCert.Subject}\") may not sign certificates (its keyUsage lacks keyCertSign)");

        // The root workloads chain to is the one ca-cert.pem leads to; other roots in the file are trusted too.
        var intermediates = chain.Where(c => !IsSelfSigned(c) && !c.RawDataMemory.Span.SequenceEqual(caCert.RawDataMemory.Span)).ToImmutableArray();
        var bundle = new TrustBundle(Spiffe.TrustDomain.Default, roots);
        if (bundle.VerifyChain(caCert, intermediates, now, out var root) is { } chainError)
            problems.Add($"{CaCert} does not chain to {RootCert} through {CertChain}: {chainError}");
        if (problems.Count > 0)
            throw new CaLoadException(dir, problems);
        return new SigningAuthority(withKey!, intermediates, root!);
    }

    private static X509Certificate2 AttachKey(X509Certificate2 cert, string keyText)
    {
        if (keyText.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            throw new CryptographicException("the key is encrypted; Istio's layout (and Weft) expect it unencrypted, protected by the file's permissions");
        using var ecPublic = cert.GetECDsaPublicKey();
        using var rsaPublic = cert.GetRSAPublicKey();
        AsymmetricAlgorithm key = ecPublic is not null ? ECDsa.Create()
            : rsaPublic is not null ? RSA.Create()
            : throw new CryptographicException("ca-cert.pem has a key that is neither ECDSA nor RSA");
        using (key)
        {
            try
            {
                key.ImportFromPem(keyText);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new CryptographicException($"the key cannot be read as {(ecPublic is not null ? "an ECDSA" : "an RSA")} key like ca-cert.pem's ({e.Message})", e);
            }
            try
            {
                return key is ECDsa ec ? cert.CopyWithPrivateKey(ec) : cert.CopyWithPrivateKey((RSA)key);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new CryptographicException("the key does not belong to ca-cert.pem (its public key differs)", e);
            }
        }
    }

    private static bool IsSelfSigned(X509Certificate2 c) => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData);
}
