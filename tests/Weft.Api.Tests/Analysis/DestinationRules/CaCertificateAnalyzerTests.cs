namespace Weft.Api.Tests.Analysis.DestinationRules;

public class CaCertificateAnalyzerTests
{
    private const string Analyzer = "destinationrule.CaCertificateAnalyzer";

    private static IReadOnlyList<string> Run(string spec) => AnalyzerKit.Analyze(Analyzer, $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: db, namespace: travel-agency}
        spec:
          host: mysqldb.example.com
        {{spec}}
        """).Lines();

    [Fact]
    public void Tls_origination_without_ca_certificates_is_warned_about_at_destination_and_port_level()
    {
        Run("""
              trafficPolicy:
                tls: {mode: SIMPLE}
                portLevelSettings:
                - port: {number: 3306}
                  tls: {mode: MUTUAL, clientCertificate: /etc/certs/client.pem, privateKey: /etc/certs/key.pem}
            """).Should().Equal(
            "IST0128 DestinationRule travel-agency/db: DestinationRule travel-agency/db in namespace travel-agency has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: mysqldb.example.com",
            "IST0129 DestinationRule travel-agency/db: DestinationRule travel-agency/db in namespace travel-agency has TLS mode set to MUTUAL but no caCertificates are set to validate server identity for host: mysqldb.example.com at port number:3306");
    }

    [Fact]
    public void Ca_certificates_an_explicit_skip_or_mesh_mtls_need_no_warning()
    {
        Run("""
              trafficPolicy:
                tls: {mode: SIMPLE, caCertificates: /etc/certs/root.pem}
                portLevelSettings:
                - port: {number: 3306}
                  tls: {mode: SIMPLE, insecureSkipVerify: true}
                - port: {number: 9080}
                  tls: {mode: ISTIO_MUTUAL}
            """).Should().BeEmpty();
    }

    [Fact]
    public void A_credential_counts_only_on_a_rule_that_selects_its_workloads()
    {
        Run("""
              trafficPolicy:
                tls: {mode: SIMPLE, credentialName: db-ca}
            """).Should().ContainSingle().Which.Should().StartWith("IST0128");
        Run("""
              workloadSelector: {matchLabels: {app: egress}}
              trafficPolicy:
                tls: {mode: SIMPLE, credentialName: db-ca}
            """).Should().BeEmpty();
    }
}
