namespace Weft.Api.Tests.Analysis.DestinationRules;

public class SubsetSelectPodAnalyzerTests
{
    private const string Analyzer = "destinationrule.SubsetSelectPodAnalyzer";

    private const string CarsService = """
        apiVersion: v1
        kind: Service
        metadata: {name: cars, namespace: travel-agency}
        spec:
          selector: {app: cars}
          ports: [{name: http, port: 8000}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: cars-vm-v1, namespace: travel-agency}
        spec:
          address: 10.0.1.10
          locality: eu-west/zone-a
          labels: {app: cars, version: v1}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: cars-v2-pod
          namespace: travel-agency
          labels: {app: cars, version: v2}
        spec:
          nodeName: node-1
          containers: [{name: cars, image: cars:v2}]
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-1
          labels: {topology.kubernetes.io/region: eu-central}
        """;

    private static IReadOnlyList<string> Run(string subsets) => AnalyzerKit.Analyze(Analyzer, CarsService + $$"""

        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cars, namespace: travel-agency}
        spec:
          host: cars
          subsets:
        {{subsets}}
        """).Lines();

    [Fact]
    public void Subsets_selecting_a_workload_entry_or_a_pod_are_fine()
    {
        Run("""
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            """).Should().BeEmpty();
    }

    [Fact]
    public void A_subset_that_selects_no_workload_is_an_error()
    {
        Run("""
              - {name: v1, labels: {version: v1}}
              - {name: v3, labels: {version: v3}}
            """).Should().Equal(
            "IST0173 DestinationRule travel-agency/cars: The Subset v3 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).");
    }

    [Fact]
    public void Topology_labels_come_from_the_entry_locality_and_the_pod_node()
    {
        Run("""
              - {name: west, labels: {topology.kubernetes.io/region: eu-west}}
              - {name: zone-a, labels: {topology.kubernetes.io/zone: zone-a, version: v1}}
              - {name: central, labels: {topology.kubernetes.io/region: eu-central, kubernetes.io/hostname: node-1}}
              - {name: north, labels: {topology.kubernetes.io/region: eu-north}}
            """).Should().Equal(
            "IST0173 DestinationRule travel-agency/cars: The Subset north defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).");
    }

    [Fact]
    public void A_rule_for_a_host_no_service_declares_is_warned_about()
    {
        AnalyzerKit.Analyze(Analyzer, CarsService + """

            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: trucks, namespace: travel-agency}
            spec:
              host: trucks
              subsets: [{name: v1, labels: {version: v1}}]
            """).Lines().Should().Equal(
            "IST0174 DestinationRule travel-agency/trucks: The host trucks defined in the DestinationRule does not match any services in the mesh.");
    }
}
