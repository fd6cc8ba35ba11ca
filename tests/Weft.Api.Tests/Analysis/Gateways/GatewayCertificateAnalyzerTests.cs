namespace Weft.Api.Tests.Analysis.Gateways;

public class GatewayCertificateAnalyzerTests
{
    private const string Analyzer = "gateway.CertificateAnalyzer";

    private static string Gateway(string name, string selector, string tls) => $$"""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: {{name}}, namespace: istio-ingress}
        spec:
          selector: {{{selector}}}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [{{name}}.example.com]
            tls: {mode: SIMPLE, {{tls}}}
        ---

        """;

    [Fact]
    public void Two_gateways_on_the_same_workloads_serving_the_same_credential_are_warned_about()
    {
        AnalyzerKit.Analyze(Analyzer, Gateway("portal", "app: ingress", "credentialName: shared") + Gateway("control", "app: ingress", "credentialName: shared"))
            .Lines().Should().Equal(
                "IST0138 Gateway istio-ingress/portal: Duplicate certificate in multiple gateways [istio-ingress/portal istio-ingress/control] may cause 404s if clients re-use HTTP2 connections.",
                "IST0138 Gateway istio-ingress/control: Duplicate certificate in multiple gateways [istio-ingress/control istio-ingress/portal] may cause 404s if clients re-use HTTP2 connections.");
    }

    [Fact]
    public void The_same_certificate_and_key_files_count_as_the_same_certificate()
    {
        const string files = "serverCertificate: /etc/certs/tls.crt, privateKey: /etc/certs/tls.key";
        AnalyzerKit.Analyze(Analyzer, Gateway("portal", "app: ingress", files) + Gateway("control", "app: ingress", files))
            .Should().HaveCount(2);
    }

    [Fact]
    public void Different_credentials_or_workloads_are_fine()
    {
        AnalyzerKit.Analyze(Analyzer,
            Gateway("portal", "app: ingress", "credentialName: portal")
            + Gateway("control", "app: ingress", "credentialName: control")
            + Gateway("other", "app: other-ingress", "credentialName: portal")).Should().BeEmpty();
    }
}
