namespace Weft.Api.Tests.Analysis.Authorization;

public class AuthorizationPoliciesAnalyzerTests
{
    private const string Analyzer = "auth.AuthorizationPoliciesAnalyzer";

    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: travel-agency}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: travel-portal}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: cars-vm, namespace: travel-agency}
        spec:
          address: 10.0.1.10
          serviceAccount: cars
          labels: {app: cars}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: viaggi-web
          namespace: travel-portal
          labels: {app: viaggi}
        spec:
          containers: [{name: web, image: viaggi:v1}]
        """;

    private static string Policy(string ns, string name, string spec) => $$"""

        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
        {{spec}}
        """;

    private static IReadOnlyList<string> Run(params string[] policies) => AnalyzerKit.Analyze(Analyzer, Mesh + string.Concat(policies)).Lines();

    [Fact]
    public void Policies_that_apply_to_mesh_workloads_and_name_existing_namespaces_are_fine()
    {
        Run(
            Policy("travel-agency", "allow-nothing", "  {}"),
            Policy("travel-agency", "cars", """
                  selector: {matchLabels: {app: cars}}
                  rules: [{from: [{source: {namespaces: [travel-portal, "travel-*", "*-agency", "*"]}}]}]
                """),
            Policy("istio-system", "mesh-cars", "  selector: {matchLabels: {app: cars}}"),
            Policy("istio-system", "mesh-wide", "  {}")).Should().BeEmpty();
    }

    [Fact]
    public void A_policy_that_selects_no_workload_of_the_mesh_is_a_warning()
    {
        Run(
            Policy("travel-agency", "trucks", "  selector: {matchLabels: {app: trucks, version: v1}}"),
            Policy("istio-system", "mesh-trucks", "  selector: {matchLabels: {app: trucks}}")).Should().Equal(
            "IST0127 AuthorizationPolicy travel-agency/trucks: No matching workloads for this resource with the following labels: app=trucks,version=v1",
            "IST0127 AuthorizationPolicy istio-system/mesh-trucks: No matching workloads for this resource with the following labels: app=trucks");
    }

    [Fact]
    public void A_namespace_wide_policy_where_no_workload_has_a_proxy_is_a_warning()
    {
        Run(Policy("travel-portal", "allow-nothing", "  {}")).Should().Equal(
            "IST0127 AuthorizationPolicy travel-portal/allow-nothing: No matching workloads for this resource with the following labels: ");
    }

    [Fact]
    public void A_source_namespace_that_matches_no_namespace_is_an_error()
    {
        Run(Policy("travel-agency", "cars", """
              selector: {matchLabels: {app: cars}}
              rules:
              - from:
                - source: {namespaces: [travel-portl]}
                - source: {notNamespaces: ["*-control"]}
            """)).Should().Equal(
            "IST0101 AuthorizationPolicy travel-agency/cars: Referenced namespace not found: \"travel-portl\"",
            "IST0101 AuthorizationPolicy travel-agency/cars: Referenced namespace not found: \"*-control\"");
    }
}
