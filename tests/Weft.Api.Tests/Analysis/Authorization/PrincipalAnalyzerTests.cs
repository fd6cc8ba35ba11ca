namespace Weft.Api.Tests.Analysis.Authorization;

public class PrincipalAnalyzerTests
{
    private const string Analyzer = "auth.PrincipalAnalyzer";

    private const string Identities = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: cars-vm, namespace: travel-agency}
        spec: {address: 10.0.1.10, serviceAccount: cars}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadGroup
        metadata: {name: hotels, namespace: travel-agency}
        spec:
          template: {serviceAccount: hotels}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: control, namespace: travel-control}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: viaggi, namespace: travel-portal}
        spec:
          selector: {matchLabels: {app: viaggi}}
          template:
            metadata: {labels: {app: viaggi}}
            spec:
              containers: [{name: web, image: viaggi:v1}]
        """;

    private static string Policy(string sources) => $$"""

        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: travels, namespace: travel-agency}
        spec:
          action: ALLOW
          rules:
          - from:
        {{sources}}
        """;

    [Fact]
    public void Principals_and_service_accounts_of_existing_identities_are_fine()
    {
        AnalyzerKit.Analyze(Analyzer, Identities + Policy("""
                - source: {principals: [cluster.local/ns/travel-agency/sa/cars, cluster.local/ns/travel-agency/sa/hotels]}
                - source: {principals: [cluster.local/ns/travel-control/sa/control, cluster.local/ns/travel-portal/sa/default]}
                - source: {serviceAccounts: [travel-agency/cars], notPrincipals: ["cluster.local/ns/travel-portal/*", other.domain/ns/x/sa/y]}
            """)).Should().BeEmpty();
    }

    [Fact]
    public void A_principal_no_workload_runs_as_is_an_error()
    {
        AnalyzerKit.Analyze(Analyzer, Identities + Policy("""
                - source: {principals: [cluster.local/ns/travel-agency/sa/car]}
                - source: {serviceAccounts: [travel-portal/viaggi]}
            """)).Lines().Should().Equal(
            "IST0101 AuthorizationPolicy travel-agency/travels: Referenced principal not found: \"cluster.local/ns/travel-agency/sa/car\"",
            "IST0101 AuthorizationPolicy travel-agency/travels: Referenced service account not found: \"travel-portal/viaggi\"");
    }

    [Fact]
    public void Namespaces_whose_workloads_the_input_does_not_describe_are_not_judged()
    {
        AnalyzerKit.Analyze(Analyzer, Policy("""
                - source: {principals: [cluster.local/ns/travel-agency/sa/car]}
            """).TrimStart('\n', '-')).Should().BeEmpty();
        AnalyzerKit.Analyze(Analyzer, Identities + Policy("""
                - source: {principals: [cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account]}
            """)).Should().BeEmpty();
    }
}
