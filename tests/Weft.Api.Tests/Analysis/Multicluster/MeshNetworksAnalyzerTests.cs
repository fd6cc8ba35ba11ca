using Weft.Api.Analysis;
using Weft.Api.Mesh;

namespace Weft.Api.Tests.Analysis.Multicluster;

public class MeshNetworksAnalyzerTests
{
    private const string Analyzer = "meshnetworks.MeshNetworksAnalyzer";

    private static AnalysisOptions Networks(string yaml)
    {
        var networks = MeshNetworksLoader.Load(yaml, "meshNetworks.yaml");
        networks.Errors.Should().BeEmpty();
        return AnalysisOptions.Default with { MeshNetworks = networks.Value };
    }

    [Fact]
    public void Registries_the_mesh_does_not_have_are_errors()
    {
        var options = Networks("""
            networks:
              vms:
                endpoints: [{fromRegistry: Kubernetes}, {fromRegistry: kubernetes}]
                gateways: [{address: 10.0.0.1, port: 15443}]
              east:
                endpoints: [{fromRegistry: east-cluster}, {fromCidr: 10.1.0.0/16}]
                gateways: [{address: 10.0.0.2, port: 15443}]
            """);
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: v1
            kind: Secret
            metadata:
              name: remote-west
              namespace: istio-system
              labels: {istio/multiCluster: "true"}
            stringData: {west-cluster: "kubeconfig"}
            """, options).Lines().Should().Equal(
            "IST0126 MeshNetworks istio-system/meshnetworks: Unknown service registry kubernetes in network vms",
            "IST0126 MeshNetworks istio-system/meshnetworks: Unknown service registry east-cluster in network east");
    }

    [Fact]
    public void A_remote_cluster_with_credentials_is_a_known_registry()
    {
        var options = Networks("""
            networks:
              west:
                endpoints: [{fromRegistry: west-cluster}]
                gateways: [{address: 10.0.0.1, port: 15443}]
            """);
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: v1
            kind: Secret
            metadata:
              name: remote-west
              namespace: istio-system
              labels: {istio/multiCluster: "true"}
            stringData: {west-cluster: "kubeconfig"}
            """, options).Should().BeEmpty();
    }
}
