using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Ca;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;
using Weft.Identity.Spiffe;

namespace Weft.Identity.Tests.Support;

/// <summary>Certificates for tests: real ones from a MeshCa, and the forgeries an attacker would try.</summary>
internal static class Certs
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SpiffeId Id(string ns = "shop", string sa = "cart") => SpiffeId.Create("cluster.local", ns, sa);

    public static MeshCa NewCa(ManualClock clock, CaPolicy? policy = null, string trustDomain = "cluster.local") =>
        MeshCa.CreateWithNewRoot(trustDomain, clock, policy);

    /// <summary>A workload certificate issued the way the proxy gets one: key here, CSR to the CA.</summary>
    public static WorkloadCertificate Issue(MeshCa ca, SpiffeId id, TimeSpan? ttl = null)
    {
        using var pending = CsrBuilder.Create(id);
        var issued = ca.Sign(pending.CsrPem, id, ttl);
        return pending.Complete(issued.Chain, issued.TrustBundle, ca.Time.GetUtcNow());
    }

    /// <summary>A CSR with whatever an attacker wants in it, signed with <paramref name="key"/>.</summary>
    public static string Csr(AsymmetricAlgorithm key, Action<CertificateRequest>? edit = null, string subject = "")
    {
        var request = key switch
        {
            ECDsa ec => new CertificateRequest(new X500DistinguishedName(subject), ec, HashAlgorithmName.SHA256),
            RSA rsa => new CertificateRequest(new X500DistinguishedName(subject), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("unsupported key"),
        };
        edit?.Invoke(request);
        return request.CreateSigningRequestPem();
    }

    public static X509Extension UriSan(params string[] uris)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var u in uris)
            san.AddUri(new Uri(u));
        return san.Build(critical: true);
    }

    /// <summary>
    /// A self-signed leaf that claims an identity (what anyone can make with openssl): right SAN,
    /// right shape, no mesh CA behind it.
    /// </summary>
    public static X509Certificate2 ForgedSelfSigned(string uri, DateTimeOffset now, bool isCa = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=Weft Root CA, O=cluster.local"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        request.CertificateExtensions.Add(UriSan(uri));
        return request.CreateSelfSigned(now.AddHours(-1), now.AddHours(23));
    }
}
