using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Discovery.Listeners;
using Weft.Proxy.Gateways;

namespace Weft.Proxy.Tests.Gateways;

/// <summary>A gateway chain's TLS compiled once per snapshot: what loads, what is refused and why.</summary>
public sealed class GatewayTlsTests
{
    private static DownstreamTlsContext Context(string? min = null, params string[] ciphers)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=shop.example.com", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        return new DownstreamTlsContext
        {
            Source = "shop/shop-credential",
            CertificateChain = cert.ExportCertificatePem(),
            PrivateKey = key.ExportPkcs8PrivateKeyPem(),
            MinProtocolVersion = min,
            CipherSuites = [.. ciphers],
        };
    }

    [Fact]
    public void A_certificate_and_key_from_a_tls_secret_compile_with_h2_and_http_1_1_offered()
    {
        var tls = GatewayTls.Compile(Context(), "https.443.shop");

        tls.Certificate.Subject.Should().Be("CN=shop.example.com");
        tls.Certificate.HasPrivateKey.Should().BeTrue();
        tls.Options.ApplicationProtocols!.Select(p => p.ToString()).Should().Equal("h2", "http/1.1");
        tls.Options.EnabledSslProtocols.Should().Be(SslProtocols.Tls12 | SslProtocols.Tls13);
        tls.Options.ClientCertificateRequired.Should().BeFalse();
    }

    [Fact]
    public void Min_protocol_version_TLSV1_3_offers_only_TLS_1_3()
    {
        GatewayTls.Compile(Context("TLSV1_3"), "https.443.shop").Options.EnabledSslProtocols.Should().Be(SslProtocols.Tls13);
    }

    [Fact]
    public void A_key_that_is_not_pem_refuses_the_snapshot_naming_the_chain_and_secret()
    {
        var bad = Context() with { PrivateKey = "not a key" };

        var act = () => GatewayTls.Compile(bad, "https.443.shop");

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().StartWith("filter chain https.443.shop: the certificate and key of shop/shop-credential do not load: ");
    }

    [Fact]
    public void An_unknown_cipher_suite_or_tls_version_is_refused_with_what_is_accepted()
    {
        var cipher = () => GatewayTls.Compile(Context(null, "ECDHE-RSA-RC4-SHA"), "https.443.shop");
        cipher.Should().Throw<InvalidOperationException>().WithMessage("filter chain https.443.shop: cipher suite \"ECDHE-RSA-RC4-SHA\" is not known (use IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");

        var version = () => GatewayTls.Compile(Context("SSLV3"), "https.443.shop");
        version.Should().Throw<InvalidOperationException>().WithMessage("filter chain https.443.shop: TLS version \"SSLV3\" is not one of TLSV1_2, TLSV1_3");
    }
}
