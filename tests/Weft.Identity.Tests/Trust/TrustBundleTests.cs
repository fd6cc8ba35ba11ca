using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Ca;
using Weft.Identity.Tests.Support;
using Weft.Identity.Trust;

namespace Weft.Identity.Tests.Trust;

/// <summary>What a peer's certificate must be to be believed, and every way of not being it.</summary>
public class TrustBundleTests
{
    private readonly ManualClock _clock = new(Certs.Start);

    [Fact]
    public void A_certificate_from_the_mesh_CA_gives_its_identity()
    {
        var ca = Certs.NewCa(_clock);
        var cert = Certs.Issue(ca, Certs.Id("travel", "cars-vm"));
        var verdict = ca.TrustBundle.VerifyPeer(cert.Certificate, cert.Intermediates, _clock.GetUtcNow());
        verdict.Ok.Should().BeTrue(verdict.Error);
        verdict.Identity!.ToString().Should().Be("spiffe://cluster.local/ns/travel/sa/cars-vm");
    }

    [Fact]
    public void A_certificate_from_another_CA_is_refused()
    {
        var mesh = Certs.NewCa(_clock);
        var other = Certs.NewCa(_clock);
        var cert = Certs.Issue(other, Certs.Id());
        mesh.TrustBundle.VerifyPeer(cert.Certificate, cert.Intermediates, _clock.GetUtcNow()).Error
            .Should().StartWith("spiffe://cluster.local/ns/shop/sa/cart: the certificate does not chain to a root of the mesh's trust bundle");
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_expiry()
    {
        var ca = Certs.NewCa(_clock);
        var cert = Certs.Issue(ca, Certs.Id(), TimeSpan.FromHours(1));
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        ca.TrustBundle.VerifyPeer(cert.Certificate, cert.Intermediates, _clock.GetUtcNow()).Error
            .Should().Contain("expired at 2030-01-01T01:00:00Z");
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        var cert = Certs.Issue(ca, Certs.Id());
        ca.TrustBundle.VerifyPeer(cert.Certificate, [], Certs.Start.AddMinutes(-5)).Error.Should().Contain("not valid before");
    }

    [Fact]
    public void A_forged_self_signed_certificate_claiming_a_mesh_identity_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        var forged = Certs.ForgedSelfSigned("spiffe://cluster.local/ns/shop/sa/cart", _clock.GetUtcNow());
        ca.TrustBundle.VerifyPeer(forged, [], _clock.GetUtcNow()).Error.Should().Contain("does not chain to a root of the mesh's trust bundle");
    }

    [Fact]
    public void A_forged_CA_certificate_presented_as_a_peer_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        var forged = Certs.ForgedSelfSigned("spiffe://cluster.local/ns/shop/sa/cart", _clock.GetUtcNow(), isCa: true);
        ca.TrustBundle.VerifyPeer(forged, [], _clock.GetUtcNow()).Error.Should().Contain("is a CA certificate");
    }

    [Fact]
    public void The_root_itself_presented_as_a_peer_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        ca.TrustBundle.VerifyPeer(ca.Signer.Root, [], _clock.GetUtcNow()).Error.Should().Contain("is a CA certificate");
    }

    [Fact]
    public void A_mesh_signed_certificate_without_a_SPIFFE_id_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serving = ca.IssueServing(new PublicKey(key), null, ["weftd"], []);
        ca.TrustBundle.VerifyPeer(serving.Certificate, [], _clock.GetUtcNow()).Error.Should().Contain("has no URI SAN, so no SPIFFE identity");
    }

    [Fact]
    public void A_certificate_with_two_identities_is_refused_even_when_the_CA_chain_is_good()
    {
        var ca = Certs.NewCa(_clock);
        var twoIds = SignedByMesh(ca, Certs.UriSan("spiffe://cluster.local/ns/shop/sa/cart", "spiffe://cluster.local/ns/shop/sa/admin"));
        ca.TrustBundle.VerifyPeer(twoIds, [], _clock.GetUtcNow()).Error.Should().Contain("has 2 URI SANs");
    }

    [Fact]
    public void A_URI_that_is_not_a_workload_identity_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        var web = SignedByMesh(ca, Certs.UriSan("https://cluster.local/ns/shop/sa/cart"));
        ca.TrustBundle.VerifyPeer(web, [], _clock.GetUtcNow()).Error.Should().Contain("does not start with spiffe://");
    }

    [Fact]
    public void An_identity_of_another_trust_domain_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        var foreign = SignedByMesh(ca, Certs.UriSan("spiffe://evil.example/ns/shop/sa/cart"));
        ca.TrustBundle.VerifyPeer(foreign, [], _clock.GetUtcNow()).Error.Should().Contain("of the trust domain evil.example; this mesh is cluster.local");
    }

    [Fact]
    public void A_leaf_signed_by_a_workload_certificate_is_refused()
    {
        // A workload tries to act as a CA with its own (CA:false) certificate.
        var ca = Certs.NewCa(_clock);
        var workload = Certs.Issue(ca, Certs.Id("shop", "cart"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(Certs.UriSan("spiffe://cluster.local/ns/shop/sa/payments"));
        using var workloadKey = workload.Certificate.GetECDsaPrivateKey()!;
        var child = request.Create(workload.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(workloadKey),
            _clock.GetUtcNow().AddMinutes(-1), _clock.GetUtcNow().AddHours(1), [1, 2, 3]);
        ca.TrustBundle.VerifyPeer(child, [workload.Certificate], _clock.GetUtcNow()).Ok.Should().BeFalse();
    }

    [Fact]
    public void A_bundle_round_trips_through_PEM()
    {
        var ca = Certs.NewCa(_clock).RotateToNewRoot();
        var pem = ca.TrustBundle.ToPem();
        var back = TrustBundle.FromPem("cluster.local", pem);
        back.SameRootsAs(ca.TrustBundle).Should().BeTrue();
        back.Roots.Should().HaveCount(2);
    }

    private X509Certificate2 SignedByMesh(MeshCa ca, X509Extension san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(san);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return request.Create(ca.Signer.Certificate, _clock.GetUtcNow().AddMinutes(-1), _clock.GetUtcNow().AddHours(1), [7, 7, 7]);
    }
}
