using System.Net;
using Weft.Discovery.Clusters;
using Weft.Identity.Ca;
using Weft.Proxy.Tests.Certificates;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// Mesh mTLS between two real sidecars: the server terminates with its workload certificate
/// (ALPN h2 and http/1.1), the client originates ISTIO_MUTUAL and believes only the destination's
/// service accounts; proxies without certificates keep speaking plaintext.
/// </summary>
public class MeshTlsTests
{
    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_sidecars_with_certificates_speak_mutual_TLS_over_HTTP2_and_reuse_the_connection()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()));
        for (var i = 0; i < 5; i++)
        {
            using var response = await mesh.Http.GetAsync("/travels/London", Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        }
        mesh.App.Count.Should().Be(5);
        var clusters = await mesh.Client.AdminGetAsync("/clusters");
        clusters.Should().Contain($"{MeshPair.Cluster}::{mesh.ServerAddress}:8000::rq_total::5");
    }

    [Fact]
    public async Task A_client_sidecar_refuses_a_server_whose_identity_is_not_a_service_account_of_the_destination()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual("spiffe://cluster.local/ns/travel-agency/sa/payments"));
        using var response = await mesh.Http.GetAsync("/travels/London", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        mesh.App.Count.Should().Be(0);
        await mesh.Client.Process.WaitForLineAsync("Refused a mesh TLS peer: the peer is spiffe://cluster.local/ns/travel-agency/sa/travels, not one of spiffe://cluster.local/ns/travel-agency/sa/payments",
            TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Proxies_without_certificates_keep_speaking_plaintext_to_auto_mTLS_endpoints()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: false, MeshPair.IstioMutual(MeshPair.Travels.ToString()));
        using var response = await mesh.Http.GetAsync("/travels/London", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        mesh.App.Count.Should().Be(1);
    }

    [Fact]
    public async Task Under_auto_mTLS_a_client_with_a_certificate_speaks_plaintext_to_an_endpoint_without_a_sidecar()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()), endpointTlsMode: null);
        using var response = await mesh.Http.GetAsync("/travels/London", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        mesh.App.Count.Should().Be(1);
    }

    [Fact]
    public async Task DestinationRule_tls_DISABLE_keeps_plaintext_even_to_an_endpoint_with_a_sidecar()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: true, new UpstreamTlsSettings { Mode = TlsMode.Disable });
        using var response = await mesh.Http.GetAsync("/travels/London", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        mesh.App.Count.Should().Be(1);
    }

    [Fact]
    public async Task Openssl_s_client_against_a_sidecar_shows_its_SPIFFE_id_and_negotiates_h2_with_a_mesh_client_certificate()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()));
        var certs = mesh.CertsOf("client");
        var result = await Run.CommandAsync("openssl", ["s_client", "-connect", $"{mesh.ServerAddress}:{mesh.ServerPort}", "-alpn", "h2,http/1.1",
            "-cert", Path.Combine(certs, "cert-chain.pem"), "-key", Path.Combine(certs, "key.pem"), "-CAfile", Path.Combine(certs, "root-cert.pem"), "-showcerts"],
            stdin: "", timeout: TimeSpan.FromSeconds(30));
        var text = result.Output;
        text.Should().Contain("Verify return code: 0 (ok)").And.Contain("ALPN protocol: h2").And.Contain("TLSv1.3");
        var leaf = text[text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..(text.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)];
        var x509 = await Run.CommandAsync("openssl", ["x509", "-noout", "-ext", "subjectAltName"], stdin: leaf + "\n");
        x509.StdOut.Should().Contain("URI:spiffe://cluster.local/ns/travel-agency/sa/travels");
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused_at_the_handshake()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: false, null);
        var other = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);
        var forged = TestMesh.Issue(other, MeshPair.Portal);
        var cert = mesh.Dir.Write("forged.pem", forged.ChainPem);
        var key = mesh.Dir.Write("forged-key.pem", forged.KeyPem());
        var result = await Run.CommandAsync("curl", ["-sS", "-k", "--cert", cert, "--key", key, "--max-time", "10", $"https://{mesh.ServerAddress}:{mesh.ServerPort}/travels"], timeout: TimeSpan.FromSeconds(30));
        result.ExitCode.Should().NotBe(0);
        mesh.App.Count.Should().Be(0);
        await mesh.Server.Process.WaitForLineAsync("mesh TLS handshake failed", TimeSpan.FromSeconds(10), Ct);
        mesh.Server.Output.Should().Contain("Refused a mesh TLS peer: spiffe://cluster.local/ns/travel-portal/sa/travels: the certificate does not chain to a root of the mesh's trust bundle");
    }
}
