using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Ca;
using Weft.Identity.Tests.Support;

namespace Weft.Identity.Tests.Ca;

/// <summary>A CSR asking for more than its credential proves: each is refused, with the reason.</summary>
public class CsrPolicyTests
{
    private readonly ManualClock _clock = new(Certs.Start);
    private readonly Weft.Identity.Spiffe.SpiffeId _cart = Certs.Id("shop", "cart");

    private IReadOnlyList<string> Refusal(string csr)
    {
        var ca = Certs.NewCa(_clock);
        return FluentActions.Invoking(() => ca.Sign(csr, _cart)).Should().Throw<CsrRefusedException>().Which.Reasons;
    }

    [Fact]
    public void A_CSR_for_another_service_account_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Certs.Csr(key, r => r.CertificateExtensions.Add(Certs.UriSan("spiffe://cluster.local/ns/shop/sa/payments")));
        Refusal(csr).Should().ContainSingle().Which.Should().Be(
            "the CSR asks for the URI SAN \"spiffe://cluster.local/ns/shop/sa/payments\" but the credential proves spiffe://cluster.local/ns/shop/sa/cart; a workload gets only its own identity");
    }

    [Fact]
    public void A_CSR_adding_a_second_identity_to_its_own_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Certs.Csr(key, r => r.CertificateExtensions.Add(Certs.UriSan(_cart.ToString(), "spiffe://cluster.local/ns/istio-system/sa/istiod")));
        var reasons = Refusal(csr);
        reasons.Should().Contain(r => r.Contains("asks for 2 URI SANs"));
        reasons.Should().Contain(r => r.Contains("spiffe://cluster.local/ns/istio-system/sa/istiod"));
    }

    [Fact]
    public void A_CSR_adding_DNS_and_IP_names_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Certs.Csr(key, r =>
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddUri(_cart.ToUri());
            san.AddDnsName("payments.shop.svc.cluster.local");
            san.AddIpAddress(System.Net.IPAddress.Parse("10.0.0.7"));
            san.AddEmailAddress("root@example.com");
            r.CertificateExtensions.Add(san.Build());
        });
        var reasons = Refusal(csr);
        reasons.Should().Contain(r => r.Contains("DNS SANs (payments.shop.svc.cluster.local)"));
        reasons.Should().Contain(r => r.Contains("IP SANs (10.0.0.7)"));
        reasons.Should().Contain(r => r.Contains("1 SAN(s) of another kind"));
    }

    [Fact]
    public void A_CSR_asking_to_be_a_CA_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Certs.Csr(key, r =>
        {
            r.CertificateExtensions.Add(Certs.UriSan(_cart.ToString()));
            r.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        });
        Refusal(csr).Should().ContainSingle().Which.Should().Be("the CSR asks for CA:true; workload certificates are never CAs");
    }

    [Fact]
    public void A_CSR_with_an_RSA_key_is_refused()
    {
        using var key = RSA.Create(2048);
        Refusal(Certs.Csr(key)).Should().ContainSingle().Which.Should().Be(
            "the CSR's key is RSA 2048; Weft issues workload certificates for ECDSA P-256 keys only");
    }

    [Fact]
    public void A_CSR_with_a_P384_key_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Refusal(Certs.Csr(key)).Should().ContainSingle().Which.Should().Contain("on the curve P-384");
    }

    [Fact]
    public void A_CSR_whose_signature_does_not_verify_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = Certs.Csr(key, r => r.CertificateExtensions.Add(Certs.UriSan(_cart.ToString())));
        var der = PemEncoding.Find(pem) is var f ? Convert.FromBase64String(pem[f.Base64Data]) : [];
        der[^5] ^= 0x01;   // inside the signature: the requester does not hold the key it names
        var tampered = PemEncoding.WriteString("CERTIFICATE REQUEST", der);
        Refusal(tampered).Should().ContainSingle().Which.Should().Contain("signature does not verify");
    }

    [Fact]
    public void A_CSR_with_an_extension_Weft_does_not_issue_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Certs.Csr(key, r => r.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.99999.1", [0x05, 0x00], false)));
        Refusal(csr).Should().ContainSingle().Which.Should().Be("the CSR asks for the extension 1.3.6.1.4.1.99999.1, which Weft does not issue");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a csr")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n")]
    public void Text_that_is_not_a_CSR_is_refused(string text) => Refusal(text).Should().ContainSingle();

    [Fact]
    public void Every_problem_of_a_CSR_is_reported_at_once()
    {
        using var key = RSA.Create(2048);
        var csr = Certs.Csr(key, r =>
        {
            r.CertificateExtensions.Add(Certs.UriSan("spiffe://cluster.local/ns/kube-system/sa/admin"));
            r.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        });
        Refusal(csr).Should().HaveCount(3);
    }

    [Fact]
    public void Key_usages_asked_for_in_a_CSR_are_ignored_and_the_CA_writes_its_own()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = Certs.Csr(key, r =>
        {
            r.CertificateExtensions.Add(Certs.UriSan(_cart.ToString()));
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        }, subject: "CN=admin, O=system:masters");
        var issued = Certs.NewCa(_clock).Sign(csr, _cart);
        issued.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().Be(X509KeyUsageFlags.DigitalSignature);
        issued.Certificate.Subject.Should().BeEmpty("nothing of the CSR but its key is copied");
    }

    [Fact]
    public void A_CSR_without_any_SAN_gets_the_credential_s_identity()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = Certs.NewCa(_clock).Sign(Certs.Csr(key), _cart);
        Weft.Identity.Certificates.SubjectAltNames.Of(issued.Certificate).Uris.Should().Equal(_cart.ToString());
    }
}
