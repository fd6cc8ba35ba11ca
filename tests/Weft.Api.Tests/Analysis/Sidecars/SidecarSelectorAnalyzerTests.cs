namespace Weft.Api.Tests.Analysis.Sidecars;

public class SidecarSelectorAnalyzerTests
{
    private const string Analyzer = "sidecar.SelectorAnalyzer";

    private const string Workloads = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: travels-vm, namespace: travel-agency}
        spec:
          address: 10.0.1.20
          labels: {app: travels, tier: backend}
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: ambient-ns
          labels: {istio.io/dataplane-mode: ambient}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: ztunnel-app
          namespace: ambient-ns
          labels: {app: ztunnel-app}
          annotations: {ambient.istio.io/redirection: enabled}
        """;

    private static string Sidecar(string ns, string name, string? selector = null) => $$"""

        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
        {{(selector is null ? "" : $"  workloadSelector: {{labels: {{{selector}}}}}")}}
          egress: [{hosts: ["./*"]}]
        """;

    private static IReadOnlyList<string> Run(params string[] sidecars) => AnalyzerKit.Analyze(Analyzer, Workloads + string.Concat(sidecars)).Lines();

    [Fact]
    public void One_sidecar_per_workload_and_one_default_per_namespace_is_fine()
    {
        Run(Sidecar("travel-agency", "default"), Sidecar("travel-agency", "travels", "app: travels")).Should().BeEmpty();
    }

    [Fact]
    public void A_selector_matching_no_workload_of_the_namespace_is_an_error()
    {
        Run(Sidecar("travel-portal", "travels", "app: travels")).Should().Equal(
            "IST0101 Sidecar travel-portal/travels: Referenced selector not found: \"app=travels\"");
    }

    [Fact]
    public void Two_sidecars_selecting_one_workload_conflict()
    {
        Run(Sidecar("travel-agency", "by-app", "app: travels"), Sidecar("travel-agency", "by-tier", "tier: backend")).Should().Equal(
            "IST0110 Sidecar travel-agency/by-app: The Sidecars [by-app by-tier] in namespace \"travel-agency\" select the same workload pod \"travels-vm\", which can lead to undefined behavior.",
            "IST0110 Sidecar travel-agency/by-tier: The Sidecars [by-app by-tier] in namespace \"travel-agency\" select the same workload pod \"travels-vm\", which can lead to undefined behavior.");
    }

    [Fact]
    public void Two_sidecars_without_selectors_in_one_namespace_conflict()
    {
        Run(Sidecar("travel-agency", "a"), Sidecar("travel-agency", "b")).Should().Equal(
            "IST0111 Sidecar travel-agency/a: The Sidecars [a b] in namespace \"travel-agency\" have no workload selector, which can lead to undefined behavior.",
            "IST0111 Sidecar travel-agency/b: The Sidecars [a b] in namespace \"travel-agency\" have no workload selector, which can lead to undefined behavior.");
    }

    [Fact]
    public void Sidecars_for_ambient_workloads_have_no_effect()
    {
        Run(Sidecar("ambient-ns", "ns-wide"), Sidecar("ambient-ns", "one", "app: ztunnel-app")).Should().Equal(
            "IST0167 Sidecar ambient-ns/one: The policy has no impact: selected workload is in ambient mode, the policy has no impact.",
            "IST0167 Sidecar ambient-ns/ns-wide: The policy has no impact: namespace is in ambient mode, the policy has no impact.");
    }
}
