using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Csr;

namespace Weft.ControlPlane.Tests.Ca;

/// <summary>
/// The certificate endpoint against everything a hostile or confused client tries: a token
/// replayed, expired, or used for another identity; a CSR for another identity; a renewal with a
/// certificate from another CA, an expired one, or a forged self-signed one.
/// </summary>
public class CertificateEndpointTests
{
    [Fact]
    public async Task A_token_and_a_CSR_give_a_certificate_of_exactly_the_token_s_identity()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars");
        var cert = await weft.BootstrapAsync(weft.Id("vm", "cars"), token);
        SubjectAltNames.Of(cert.Certificate).Uris.Should().Equal("spiffe://cluster.local/ns/vm/sa/cars");
        cert.Lifetime.Should().Be(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        weft.Server.Ca.Ca.TrustBundle.VerifyPeer(cert.Certificate, cert.Intermediates, weft.Clock.GetUtcNow()).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task A_replayed_token_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars");
        await weft.BootstrapAsync(weft.Id("vm", "cars"), token);
        using var again = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, body) = await weft.RequestAsync(again.CsrPem, token);
        code.Should().Be(HttpStatusCode.Unauthorized);
        CaTestServer.Message(body).Should().Contain("was already used at").And.NotContain(token.Split('.')[2]);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars", 300);
        weft.Clock.Advance(TimeSpan.FromMinutes(5));
        using var pending = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, body) = await weft.RequestAsync(pending.CsrPem, token);
        code.Should().Be(HttpStatusCode.Unauthorized);
        CaTestServer.Message(body).Should().Contain("expired at");
    }

    [Fact]
    public async Task A_token_for_one_identity_never_obtains_another_and_stays_usable_for_its_own()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars");
        foreach (var other in new[] { weft.Id("vm", "payments"), weft.Id("istio-system", "cars"), weft.Id("vm", "cars-admin") })
        {
            using var pending = CsrBuilder.Create(other);
            var (code, body) = await weft.RequestAsync(pending.CsrPem, token);
            code.Should().Be(HttpStatusCode.Forbidden, $"the token is for vm/cars, the CSR asks for {other}");
            CaTestServer.Message(body).Should().Contain($"asks for the URI SAN \"{other}\" but the credential proves spiffe://cluster.local/ns/vm/sa/cars");
        }
        (await weft.BootstrapAsync(weft.Id("vm", "cars"), token)).Identity.Should().Be(weft.Id("vm", "cars"));
    }

    [Fact]
    public async Task A_CSR_without_a_SAN_gets_the_token_s_identity_never_one_of_its_choosing()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=spiffe://cluster.local/ns/kube-system/sa/admin", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var (code, body) = await weft.RequestAsync(csr, token);
        code.Should().Be(HttpStatusCode.OK, body);
        Weft.Identity.Protocol.CertificateMessage.Parse(body).Identity.Should().Be("spiffe://cluster.local/ns/vm/sa/cars");
    }

    [Fact]
    public async Task A_CSR_asking_to_be_a_CA_or_for_an_RSA_key_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var (code, body) = await weft.RequestAsync(request.CreateSigningRequestPem(), token);
        code.Should().Be(HttpStatusCode.Forbidden);
        CaTestServer.Message(body).Should().Contain("RSA 2048").And.Contain("CA:true");
    }

    [Theory]
    [InlineData("weftbt.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "is not known to this control plane")]
    [InlineData("not-a-token", "is not of the form weftbt.ID.SECRET")]
    public async Task A_token_that_was_never_issued_is_refused(string token, string reason)
    {
        await using var weft = await CaTestServer.StartAsync();
        using var pending = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, body) = await weft.RequestAsync(pending.CsrPem, token);
        code.Should().Be(HttpStatusCode.Unauthorized);
        CaTestServer.Message(body).Should().Contain(reason);
    }

    [Fact]
    public async Task A_request_with_no_credential_at_all_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        using var pending = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, body) = await weft.RequestAsync(pending.CsrPem);
        code.Should().Be(HttpStatusCode.Unauthorized);
        CaTestServer.Message(body).Should().StartWith("no credential");
    }

    [Theory]
    [InlineData("{}", 400, "has no \"csr\"")]
    [InlineData("not json", 400, "not valid JSON")]
    [InlineData("""{"csr":"x","ttlSeconds":-5}""", 400, "ttlSeconds")]
    public async Task A_malformed_request_is_refused_with_400(string body, int status, string reason)
    {
        await using var weft = await CaTestServer.StartAsync();
        var (code, answer) = await weft.RequestAsync("", token: "weftbt.x.y", rawBody: body);
        ((int)code).Should().Be(status);
        CaTestServer.Message(answer).Should().Contain(reason);
    }

    [Fact]
    public async Task A_request_larger_than_a_CSR_can_be_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        var (code, _) = await weft.RequestAsync("", rawBody: "{\"csr\":\"" + new string('A', 100_000) + "\"}");
        code.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_valid_mesh_certificate_renews_itself_for_the_same_identity()
    {
        await using var weft = await CaTestServer.StartAsync();
        var first = await weft.BootstrapAsync(weft.Id("vm", "cars"), await weft.TokenAsync("vm", "cars"));
        weft.Clock.Advance(TimeSpan.FromHours(12));
        using var pending = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, body) = await weft.RequestAsync(pending.CsrPem, clientCertificate: first);
        code.Should().Be(HttpStatusCode.OK, body);
        var renewed = weft.Complete(pending, body);
        renewed.Identity.Should().Be(first.Identity);
        renewed.NotAfter.Should().BeAfter(first.NotAfter);
        weft.AllLogs.Should().Contain($"on its certificate (serial {first.Certificate.SerialNumber})");
    }

    [Fact]
    public async Task A_renewal_asking_for_another_identity_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        var mine = await weft.BootstrapAsync(weft.Id("vm", "cars"), await weft.TokenAsync("vm", "cars"));
        using var pending = CsrBuilder.Create(weft.Id("vm", "payments"));
        var (code, body) = await weft.RequestAsync(pending.CsrPem, clientCertificate: mine);
        code.Should().Be(HttpStatusCode.Forbidden);
        CaTestServer.Message(body).Should().Contain("the credential proves spiffe://cluster.local/ns/vm/sa/cars");
    }

    [Fact]
    public async Task A_renewal_with_a_certificate_from_another_CA_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        await using var other = await CaTestServer.StartAsync();
        var foreign = await other.BootstrapAsync(other.Id("vm", "cars"), await other.TokenAsync("vm", "cars"));
        using var pending = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, body) = await weft.RequestAsync(pending.CsrPem, clientCertificate: foreign);
        code.Should().Be(HttpStatusCode.Unauthorized);
        CaTestServer.Message(body).Should().Contain("does not chain to a root of the mesh's trust bundle");
    }

    [Fact]
    public async Task A_renewal_with_an_expired_certificate_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        var token = await weft.TokenAsync("vm", "cars");
        using var first = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (_, body) = await weft.RequestAsync("", token, rawBody: new Weft.Identity.Protocol.CertificateSigningMessage(first.CsrPem, TimeSpan.FromHours(1)).ToJson());
        var shortLived = weft.Complete(first, body);
        shortLived.NotAfter.Should().BeCloseTo(weft.Clock.GetUtcNow().AddHours(1), TimeSpan.FromSeconds(1));
        weft.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        using var pending = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, answer) = await weft.RequestAsync(pending.CsrPem, clientCertificate: shortLived);
        code.Should().Be(HttpStatusCode.Unauthorized);
        CaTestServer.Message(answer).Should().Contain("expired at");
    }

    [Fact]
    public async Task A_renewal_with_a_forged_self_signed_SPIFFE_certificate_is_refused()
    {
        await using var weft = await CaTestServer.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Same subject as the mesh root, the right SAN, the right shape: only the signature is missing.
        var request = new CertificateRequest(weft.Server.Ca.Ca.Signer.Root.SubjectName, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri("spiffe://cluster.local/ns/vm/sa/cars"));
        request.CertificateExtensions.Add(san.Build(true));
        var forged = request.CreateSelfSigned(weft.Clock.GetUtcNow().AddHours(-1), weft.Clock.GetUtcNow().AddHours(23));
        using var pending = CsrBuilder.Create(weft.Id("vm", "cars"));
        var (code, body) = await weft.RequestAsync(pending.CsrPem, rawClientCertificate: forged);
        code.Should().Be(HttpStatusCode.Unauthorized);
        CaTestServer.Message(body).Should().Contain("does not prove a mesh identity");
    }

    [Fact]
    public async Task Weftd_s_own_serving_certificate_is_signed_by_the_mesh_and_names_weftd()
    {
        await using var weft = await CaTestServer.StartAsync();
        X509Certificate2? seen = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    seen = new X509Certificate2(cert!);
                    return true;
                },
            },
        };
        using var http = new HttpClient(handler);
        using var _ = await http.GetAsync(new Uri(weft.CaAddress, "/"), CaTestServer.Ct);
        var san = SubjectAltNames.Of(seen!);
        san.DnsNames.Should().Contain("weftd");
        san.IpAddresses.Should().Contain(IPAddress.Loopback);
        san.Uris.Should().Equal("spiffe://cluster.local/ns/istio-system/sa/weftd");
        weft.Server.Ca.Ca.TrustBundle.VerifyChain(seen!, null, weft.Clock.GetUtcNow()).Should().BeNull();
    }
}
