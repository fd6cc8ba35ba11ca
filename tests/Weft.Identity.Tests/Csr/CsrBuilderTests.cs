using System.Security.Cryptography;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;
using Weft.Identity.Tests.Support;

namespace Weft.Identity.Tests.Csr;

public class CsrBuilderTests
{
    private readonly ManualClock _clock = new(Certs.Start);

    [Fact]
    public void The_CSR_asks_for_the_identity_with_a_fresh_P256_key_and_carries_no_private_key()
    {
        using var pending = CsrBuilder.Create(Certs.Id("vm", "cars"));
        pending.CsrPem.Should().StartWith("-----BEGIN CERTIFICATE REQUEST-----").And.NotContain("PRIVATE KEY");
        var request = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequestPem(pending.CsrPem, HashAlgorithmName.SHA256,
            System.Security.Cryptography.X509Certificates.CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        SubjectAltNames.Of(request.CertificateExtensions).Uris.Should().Equal("spiffe://cluster.local/ns/vm/sa/cars");
        using var key = request.PublicKey.GetECDsaPublicKey();
        key!.KeySize.Should().Be(256);
    }

    [Fact]
    public void Every_CSR_has_its_own_key()
    {
        using var a = CsrBuilder.Create(Certs.Id());
        using var b = CsrBuilder.Create(Certs.Id());
        a.CsrPem.Should().NotBe(b.CsrPem);
    }

    [Fact]
    public void The_issued_certificate_is_paired_with_the_key_and_can_be_written_and_read_back()
    {
        var ca = Certs.NewCa(_clock);
        var cert = Certs.Issue(ca, Certs.Id());
        cert.Certificate.HasPrivateKey.Should().BeTrue();
        var back = WorkloadCertificate.FromPem(cert.ChainPem, cert.KeyPem(), ca.TrustBundle);
        back.Identity.Should().Be(Certs.Id());
        back.Certificate.Thumbprint.Should().Be(cert.Certificate.Thumbprint);
        back.Certificate.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void A_key_file_of_another_certificate_is_refused_on_reading()
    {
        var ca = Certs.NewCa(_clock);
        var one = Certs.Issue(ca, Certs.Id());
        var two = Certs.Issue(ca, Certs.Id());
        FluentActions.Invoking(() => WorkloadCertificate.FromPem(one.ChainPem, two.KeyPem(), ca.TrustBundle))
            .Should().Throw<CryptographicException>().WithMessage("the private key does not belong to the certificate");
    }

    [Fact]
    public void An_answer_certifying_another_key_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        using var mine = CsrBuilder.Create(Certs.Id());
        using var theirs = CsrBuilder.Create(Certs.Id());
        var issued = ca.Sign(theirs.CsrPem, Certs.Id());
        FluentActions.Invoking(() => mine.Complete(issued.Chain, issued.TrustBundle, _clock.GetUtcNow()))
            .Should().Throw<CryptographicException>().WithMessage("*not for the key this proxy generated*");
    }

    [Fact]
    public void An_answer_for_another_identity_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        using var pending = CsrBuilder.Create(Certs.Id("shop", "cart"));
        // A CA that ignores the CSR's SAN and signs the key for someone else.
        using var csrless = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequestPem(pending.CsrPem, HashAlgorithmName.SHA256).PublicKey.GetECDsaPublicKey();
        var issued = ca.IssueServing(new System.Security.Cryptography.X509Certificates.PublicKey(csrless!), Certs.Id("shop", "admin"), [], []);
        FluentActions.Invoking(() => pending.Complete(issued.Chain, issued.TrustBundle, _clock.GetUtcNow()))
            .Should().Throw<CryptographicException>().WithMessage("*spiffe://cluster.local/ns/shop/sa/admin, but spiffe://cluster.local/ns/shop/sa/cart was asked for");
    }

    [Fact]
    public void An_answer_that_does_not_chain_to_the_given_roots_is_refused()
    {
        var ca = Certs.NewCa(_clock);
        var other = Certs.NewCa(_clock);
        using var pending = CsrBuilder.Create(Certs.Id());
        var issued = other.Sign(pending.CsrPem, Certs.Id());
        FluentActions.Invoking(() => pending.Complete(issued.Chain, ca.TrustBundle, _clock.GetUtcNow()))
            .Should().Throw<CryptographicException>().WithMessage("*does not chain to a root*");
    }
}
