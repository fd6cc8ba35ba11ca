using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Security;

/// <summary>
/// weftd's secret endpoint (SDS) on its TLS port, attacked: a sidecar of another namespace asking
/// for a gateway's Secret is refused with 403 and weftd logs who asked for what and why not; a
/// caller without a certificate, or with a self-signed one claiming a SPIFFE id, gets 401 and no
/// byte of any Secret.
/// </summary>
public sealed class SecretDiscoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Indented(string pem) => string.Join("\n", pem.TrimEnd().Split('\n').Select(l => "    " + l));

    private static string TlsSecret(string ns, string name, (string Cert, string Key) pem) => $"""
        apiVersion: v1
        kind: Secret
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        type: kubernetes.io/tls
        stringData:
          tls.crt: |
        {Indented(pem.Cert)}
          tls.key: |
        {Indented(pem.Key)}
        ---

        """;

    private static (string Cert, string Key) SelfSigned(string subject, string? spiffe = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (spiffe is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddUri(new Uri(spiffe));
            request.CertificateExtensions.Add(san.Build(critical: true));
        }
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetSecretAsync(string discovery, string name, X509Certificate2? client)
    {
        using var http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = client is null ? null : [client],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(discovery), "/weft.secrets.v1/secrets/" + name))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_sidecar_of_another_namespace_gets_403_for_the_gateways_secret_and_a_caller_without_a_mesh_certificate_gets_401()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        await using var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        using var dir = Repo.TempDir("weft-secret-discovery");
        var gatewayKey = SelfSigned("CN=shop.example.test");
        var ownKey = SelfSigned("CN=travels.example.test");
        await cli.MustAsync("apply", "-f", cli.Files.Write("secrets.yaml", TlsSecret("istio-system", "gateway-cert", gatewayKey) + TlsSecret("travel-agency", "own-cert", ownKey)));

        // A real sidecar of travel-agency, with the workload certificate it bootstrapped.
        var address = Net.UniqueLoopback();
        var status = JsonNode.Parse((await cli.MustAsync("workload", "token", "create", "-n", "travel-agency", "-s", "travels", "-o", "json")).StdOut)!["status"]!;
        var token = dir.Write("token", status["token"]!.GetValue<string>());
        var root = dir.Write("root-cert.pem", status["rootCertificates"]!.GetValue<string>());
        await using (var proxy = await ProxyProcess.StartAsync(
            ["--discovery-address", weftd.DiscoveryAddress, "--data-dir", dir.File("data"), "--name", "travels", "--namespace", "travel-agency", "--service-account", "travels",
             "--address", address, "--drain-seconds", "0", "--ca-address", weftd.DiscoveryAddress, "--token-file", token, "--ca-root-file", root],
            adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(120)))
        {
        }
        var certs = Path.Combine(dir.File("data"), "certs");
        using var sidecar = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(certs, "cert-chain.pem")), File.ReadAllText(Path.Combine(certs, "key.pem")));

        var refused = await GetSecretAsync(weftd.DiscoveryAddress, "istio-system/gateway-cert", sidecar);
        refused.Should().Be((HttpStatusCode.Forbidden,
            "a proxy of namespace travel-agency may read Secrets of its own namespace only, and no ReferenceGrant in namespace istio-system lets Gateways of travel-agency refer to Secret gateway-cert"));
        await weftd.Process.WaitForLineAsync("Refused secret istio-system/gateway-cert (403) to spiffe://cluster.local/ns/travel-agency/sa/travels at 127.0.0.1:", TimeSpan.FromSeconds(10), Ct);

        // Its own namespace's Secret is what it may read.
        var own = await GetSecretAsync(weftd.DiscoveryAddress, "travel-agency/own-cert", sidecar);
        own.Status.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(own.Body)!["privateKey"]!.GetValue<string>().TrimEnd().Should().Be(ownKey.Key.TrimEnd());

        // No certificate, or a self-signed one claiming the gateway's identity: 401, nothing of the Secret.
        var anonymous = await GetSecretAsync(weftd.DiscoveryAddress, "istio-system/gateway-cert", null);
        anonymous.Should().Be((HttpStatusCode.Unauthorized, "no client certificate: a proxy asks for secrets with its workload certificate"));
        var forgedPem = SelfSigned("CN=forged", "spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway");
        using var forgedEphemeral = X509Certificate2.CreateFromPem(forgedPem.Cert, forgedPem.Key);
        using var forged = X509CertificateLoader.LoadPkcs12(forgedEphemeral.Export(X509ContentType.Pkcs12), null);
        var impostor = await GetSecretAsync(weftd.DiscoveryAddress, "istio-system/gateway-cert", forged);
        impostor.Status.Should().Be(HttpStatusCode.Unauthorized);
        impostor.Body.Should().NotContain("PRIVATE KEY").And.NotContain(gatewayKey.Key);
        await weftd.Process.WaitForLineAsync("Refused secret istio-system/gateway-cert to 127.0.0.1:", TimeSpan.FromSeconds(10), Ct);
        weftd.Process.Output.Should().NotContain("PRIVATE KEY", "keys are never logged");
    }
}
