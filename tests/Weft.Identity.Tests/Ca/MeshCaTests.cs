using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Ca;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;
using Weft.Identity.Tests.Support;

namespace Weft.Identity.Tests.Ca;

public class MeshCaTests
{
    private readonly ManualClock _clock = new(Certs.Start);

    [Fact]
    public void A_new_root_is_an_ECDSA_P256_CA_valid_for_ten_years()
    {
        var ca = Certs.NewCa(_clock);
        var root = ca.Signer.Certificate;
        ca.Signer.IsRoot.Should().BeTrue();
        using var key = root.GetECDsaPublicKey();
        key!.KeySize.Should().Be(256);
        root.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeTrue();
        root.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().HaveFlag(X509KeyUsageFlags.KeyCertSign);
        root.Subject.Should().Contain("O=cluster.local");
        root.NotAfter.ToUniversalTime().Should().BeCloseTo(Certs.Start.AddDays(3650).UtcDateTime, TimeSpan.FromMinutes(2));
        ca.TrustBundle.Roots.Should().ContainSingle();
    }

    [Fact]
    public void A_signed_workload_certificate_carries_exactly_the_identity_and_is_good_for_TLS_both_ways_for_24_hours()
    {
        var ca = Certs.NewCa(_clock);
        var id = Certs.Id();
        using var pending = CsrBuilder.Create(id);
        var issued = ca.Sign(pending.CsrPem, id);

        var leaf = issued.Certificate;
        var san = SubjectAltNames.Of(leaf);
        san.Uris.Should().Equal("spiffe://cluster.local/ns/shop/sa/cart");
        san.Count.Should().Be(1);
        leaf.Extensions.Single(e => e.Oid!.Value == SubjectAltNames.Oid).Critical.Should().BeTrue();
        leaf.Subject.Should().BeEmpty();
        leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeFalse();
        leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().Be(X509KeyUsageFlags.DigitalSignature);
        leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value)
            .Should().BeEquivalentTo("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        (leaf.NotAfter.ToUniversalTime() - Certs.Start.UtcDateTime).Should().Be(TimeSpan.FromHours(24));
        leaf.NotBefore.ToUniversalTime().Should().Be(Certs.Start.UtcDateTime.AddMinutes(-1), "a minute of clock skew is tolerated");
        issued.Chain.Should().ContainSingle().Which.Should().BeSameAs(leaf, "a generated root signs directly, and the root travels in the bundle");
        issued.TrustBundle.VerifyPeer(leaf, issued.Chain.Skip(1), _clock.GetUtcNow()).Identity.Should().Be(id);
    }

    [Fact]
    public void Two_certificates_never_share_a_serial_number()
    {
        var ca = Certs.NewCa(_clock);
        var serials = Enumerable.Range(0, 20).Select(_ => Certs.Issue(ca, Certs.Id()).Certificate.SerialNumber).ToList();
        serials.Should().OnlyHaveUniqueItems();
        serials.Should().AllSatisfy(s => s.Length.Should().Be(32));
    }

    [Theory]
    [InlineData(0.5, "shorter than the minimum")]
    [InlineData(60 * 24 * 8, "longer than the maximum")]
    public void A_lifetime_outside_the_policy_is_refused_not_shortened(double minutes, string reason)
    {
        var ca = Certs.NewCa(_clock);
        using var pending = CsrBuilder.Create(Certs.Id());
        FluentActions.Invoking(() => ca.Sign(pending.CsrPem, Certs.Id(), TimeSpan.FromMinutes(minutes)))
            .Should().Throw<CsrRefusedException>().Which.Reasons.Should().ContainSingle(r => r.Contains(reason));
    }

    [Fact]
    public void A_requested_lifetime_within_the_policy_is_honoured()
    {
        var ca = Certs.NewCa(_clock);
        var cert = Certs.Issue(ca, Certs.Id(), TimeSpan.FromHours(2));
        cert.NotAfter.Should().Be(Certs.Start.AddHours(2));
    }

    [Fact]
    public void No_certificate_outlives_its_CA()
    {
        var ca = Certs.NewCa(_clock, new CaPolicy { RootLifetime = TimeSpan.FromHours(30) });
        _clock.Advance(TimeSpan.FromHours(20));
        var cert = Certs.Issue(ca, Certs.Id());
        cert.NotAfter.Should().Be(new DateTimeOffset(ca.Signer.Root.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void The_CA_signs_only_for_its_own_trust_domain()
    {
        var ca = Certs.NewCa(_clock);
        var other = Weft.Identity.Spiffe.SpiffeId.Create("other.example", "shop", "cart");
        using var pending = CsrBuilder.Create(other);
        FluentActions.Invoking(() => ca.Sign(pending.CsrPem, other)).Should().Throw<CsrRefusedException>()
            .Which.Reasons.Should().Contain(r => r.Contains("this CA signs for cluster.local"));
    }

    [Fact]
    public void A_serving_certificate_carries_the_DNS_and_IP_names_asked_for()
    {
        var ca = Certs.NewCa(_clock);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = ca.IssueServing(new PublicKey(key), null, ["weftd"], [System.Net.IPAddress.Parse("127.0.0.1")]);
        var san = SubjectAltNames.Of(issued.Certificate);
        san.DnsNames.Should().Equal("weftd");
        san.IpAddresses.Should().Equal(System.Net.IPAddress.Parse("127.0.0.1"));
        san.Uris.Should().BeEmpty();
        issued.TrustBundle.VerifyChain(issued.Certificate, null, _clock.GetUtcNow()).Should().BeNull();
    }
}
