using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Trust;

/// <summary>
/// The roots a mesh trusts (two while a root rotates) and the one way a peer certificate is
/// judged against them: the chain must lead to one of these roots (never the system's), every
/// certificate must be valid at the given time, the peer must not be a CA, and it must name
/// exactly one URI SAN that is a workload SPIFFE id of this trust domain. Anything else (another
/// CA, expired, a self-signed certificate claiming an identity, no URI, two URIs) is refused
/// with the reason.
/// </summary>
public sealed class TrustBundle
{
    public TrustBundle(string trustDomain, IEnumerable<X509Certificate2> roots)
    {
        TrustDomain = Spiffe.TrustDomain.Require(trustDomain);
        ArgumentNullException.ThrowIfNull(roots);
        var distinct = ImmutableArray.CreateBuilder<X509Certificate2>();
        foreach (var r in roots)
        {
            if (!distinct.Any(d => d.RawDataMemory.Span.SequenceEqual(r.RawDataMemory.Span)))
                distinct.Add(r);
        }
        Roots = distinct.ToImmutable();
    }

    public string TrustDomain { get; }

    public ImmutableArray<X509Certificate2> Roots { get; }

    /// <exception cref="CryptographicException">A CERTIFICATE block cannot be read.</exception>
    public static TrustBundle FromPem(string trustDomain, string pem) => new(trustDomain, Pem.ReadCertificates(pem));

    public string ToPem() => Pem.Write(Roots);

    /// <summary>Whether both bundles hold the same roots, in any order.</summary>
    public bool SameRootsAs(TrustBundle other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Roots.Length == other.Roots.Length
            && Roots.All(r => other.Roots.Any(o => o.RawDataMemory.Span.SequenceEqual(r.RawDataMemory.Span)));
    }

    /// <summary>
    /// Checks that <paramref name="leaf"/> chains to one of these roots through
    /// <paramref name="intermediates"/> and that every certificate on the way is valid at
    /// <paramref name="now"/>. Returns null when it does, else why not.
    /// </summary>
    public string? VerifyChain(X509Certificate2 leaf, IEnumerable<X509Certificate2>? intermediates, DateTimeOffset now) =>
        VerifyChain(leaf, intermediates, now, out _);

    /// <summary>As <see cref="VerifyChain(X509Certificate2, IEnumerable{X509Certificate2}?, DateTimeOffset)"/>, also giving the root the chain ends at.</summary>
    public string? VerifyChain(X509Certificate2 leaf, IEnumerable<X509Certificate2>? intermediates, DateTimeOffset now, out X509Certificate2? root)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        root = null;
        if (Roots.IsEmpty)
            return "the trust bundle holds no roots";
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(Roots.ToArray());
        if (intermediates is not null)
            policy.ExtraStore.AddRange(intermediates.ToArray());
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.VerificationFlags = X509VerificationFlags.NoFlag;
        if (chain.Build(leaf))
        {
            var top = chain.ChainElements[^1].Certificate;
            root = Roots.First(r => r.RawDataMemory.Span.SequenceEqual(top.RawDataMemory.Span));
            return null;
        }
        var problems = new List<string>();
        foreach (var element in chain.ChainElements)
        {
            foreach (var status in element.ChainElementStatus)
            {
                if (status.Status == X509ChainStatusFlags.NoError)
                    continue;
                problems.Add($"{Describe(element.Certificate)}: {Explain(status.Status, element.Certificate, now)}");
            }
        }
        if (problems.Count == 0)
        {
            foreach (var status in chain.ChainStatus)
                problems.Add(Explain(status.Status, leaf, now));
        }
        return "the certificate does not chain to a root of the mesh's trust bundle: " + string.Join("; ", problems.Distinct());
    }

    /// <summary>Judges a peer's certificate as a workload of this mesh (see the class summary).</summary>
    public PeerVerification VerifyPeer(X509Certificate2 leaf, IEnumerable<X509Certificate2>? intermediates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var basic = leaf.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (basic is { CertificateAuthority: true })
            return PeerVerification.Refused($"{Describe(leaf)} is a CA certificate; a workload presents a leaf certificate");
        SubjectAltNames san;
        try
        {
            san = SubjectAltNames.Of(leaf);
        }
        catch (CryptographicException e)
        {
            return PeerVerification.Refused($"{Describe(leaf)}: {e.Message}");
        }
        if (san.Uris.Length == 0)
            return PeerVerification.Refused($"{Describe(leaf)} has no URI SAN, so no SPIFFE identity");
        if (san.Uris.Length > 1)
            return PeerVerification.Refused($"{Describe(leaf)} has {san.Uris.Length} URI SANs ({string.Join(", ", san.Uris)}); a workload certificate has exactly one identity");
        if (!SpiffeId.TryParse(san.Uris[0], out var id, out var error))
            return PeerVerification.Refused($"{Describe(leaf)} does not name a workload identity: {error}");
        if (id.TrustDomain != TrustDomain)
            return PeerVerification.Refused($"{Describe(leaf)} is {id}, of the trust domain {id.TrustDomain}; this mesh is {TrustDomain}");
        if (VerifyChain(leaf, intermediates, now) is { } chainError)
            return PeerVerification.Refused($"{id}: {chainError}");
        return new PeerVerification(id, null);
    }

    private static string Explain(X509ChainStatusFlags flag, X509Certificate2 cert, DateTimeOffset now) => flag switch
    {
        X509ChainStatusFlags.NotTimeValid when cert.NotAfter.ToUniversalTime() < now.UtcDateTime =>
            $"expired at {cert.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}",
        X509ChainStatusFlags.NotTimeValid =>
            $"not valid before {cert.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}",
        X509ChainStatusFlags.UntrustedRoot => "its root is not one of the mesh's roots",
        X509ChainStatusFlags.PartialChain => "no issuer among the mesh's roots and the intermediates presented (another CA, or self-signed)",
        X509ChainStatusFlags.NotSignatureValid => "its signature does not verify",
        X509ChainStatusFlags.InvalidBasicConstraints => "an issuer on the chain is not a CA",
        X509ChainStatusFlags.NotValidForUsage => "a key usage forbids this use",
        _ => flag.ToString(),
    };

    private static string Describe(X509Certificate2 cert)
    {
        if (cert.Subject.Length > 0)
            return $"\"{cert.Subject}\"";
        try
        {
            var san = SubjectAltNames.Of(cert);
            if (san.Uris.Length > 0)
                return $"the certificate for {san.Uris[0]}";
        }
        catch (CryptographicException)
        {
        }
        return $"the certificate with serial {cert.SerialNumber}";
    }
}
