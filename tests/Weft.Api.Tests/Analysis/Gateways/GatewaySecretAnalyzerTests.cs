using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Weft.Api.Analysis;

namespace Weft.Api.Tests.Analysis.Gateways;

public class GatewaySecretAnalyzerTests
{
    private const string Analyzer = "gateway.SecretAnalyzer";

    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Gateway(string credential) => $$"""
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: ingress-vm, namespace: istio-ingress}
        spec:
          address: 10.0.0.5
          labels: {app: ingress}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: travel-control}
        spec:
          selector: {app: ingress}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [control.example.com]
            tls: {mode: SIMPLE, credentialName: {{credential}}}
        """;

    private static string TlsSecret(string name, DateTimeOffset notBefore, DateTimeOffset notAfter, string ns = "istio-ingress")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=control.example.com", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(notBefore, notAfter);
        var crt = Convert.ToBase64String(Encoding.ASCII.GetBytes(cert.ExportCertificatePem()));
        var pem = Convert.ToBase64String(Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        return $$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: {{name}}, namespace: {{ns}}}
            type: kubernetes.io/tls
            data: {tls.crt: {{crt}}, tls.key: {{pem}}}
            """;
    }

    private static IReadOnlyList<string> Run(string yaml) =>
        AnalyzerKit.Analyze(Analyzer, yaml, AnalysisOptions.Default with { Clock = new FixedClock(Now) }).Lines();

    [Fact]
    public void A_valid_certificate_in_the_namespace_of_the_gateway_workloads_is_fine()
    {
        Run(Gateway("control-cert") + "\n---\n" + TlsSecret("control-cert", Now.AddDays(-1), Now.AddYears(1))).Should().BeEmpty();
    }

    [Fact]
    public void A_credential_is_looked_up_where_the_gateway_runs_not_where_the_gateway_object_is()
    {
        Run(Gateway("control-cert") + "\n---\n" + TlsSecret("control-cert", Now.AddDays(-1), Now.AddYears(1), ns: "travel-control"))
            .Should().Equal("IST0101 Gateway travel-control/public: Referenced credentialName not found: \"control-cert\"");
    }

    [Fact]
    public void An_expired_or_not_yet_valid_certificate_is_an_invalid_credential()
    {
        Run(Gateway("old") + "\n---\n" + TlsSecret("old", Now.AddYears(-2), Now.AddYears(-1))).Should().Equal(
            "IST0161 Gateway travel-control/public: The credential referenced by the Gateway public in namespace istio-ingress is invalid, which can cause the traffic not to work as expected.");
        Run(Gateway("future") + "\n---\n" + TlsSecret("future", Now.AddDays(1), Now.AddYears(1))).Should().ContainSingle()
            .Which.Should().StartWith("IST0161");
    }

    [Fact]
    public void A_secret_without_certificate_and_key_or_with_unreadable_ones_is_an_invalid_credential()
    {
        Run(Gateway("wrong-keys") + """

            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: wrong-keys, namespace: istio-ingress}
            stringData: {tls.cert: nope, tls.key: nope}
            """).Should().ContainSingle().Which.Should().StartWith("IST0161");
        Run(Gateway("garbage") + """

            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: garbage, namespace: istio-ingress}
            stringData: {cert: "not a certificate", key: "not a key"}
            """).Should().ContainSingle().Which.Should().StartWith("IST0161");
    }

    [Fact]
    public void A_gateway_that_selects_no_workload_has_no_namespace_to_look_in()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: nowhere, namespace: web}
            spec:
              selector: {app: none}
              servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: x}}]
            """).Should().Equal("IST0101 Gateway web/nowhere: Referenced selector not found: \"app=none\"");
    }
}
