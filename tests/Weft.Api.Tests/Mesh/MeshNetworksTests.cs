using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Mesh;

namespace Weft.Api.Tests.Mesh;

public class MeshNetworksTests
{
    [Fact]
    public void Networks_of_cidrs_registries_and_gateway_addresses_round_trip()
    {
        var result = MeshNetworksLoader.Load("""
            networks:
              east:
                endpoints:
                - fromRegistry: Kubernetes
                - fromCidr: 10.10.0.0/16
                gateways:
                - registryServiceName: istio-eastwestgateway.istio-system.svc.cluster.local
                  port: 15443
                  locality: us-east1/b
                  weight: 2
              west:
                gateways:
                - address: 192.0.2.10
                  port: 15443
                - address: west-gw.example.com
                  port: 15443
            """, "networks.yaml");
        result.Errors.Should().BeEmpty();
        var again = MeshNetworksLoader.Load(NodeWriter.ToYaml(Binder.Write(result.Value!)), "again.yaml");
        Binder.CanonicalJson(again.Value!).Should().Be(Binder.CanonicalJson(result.Value!));
        Tests.Security.Manifests.UnsetFields(result.Value!).Should().BeEmpty();
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        { "a CIDR that is not one", "networks:\n  n:\n    endpoints: [{fromCidr: 10.0.0.0/40}]", "networks[n].endpoints[0].fromCidr: Invalid value: \"10.0.0.0/40\": 10.0.0.0/40 is not a valid CIDR block" },
        { "endpoints from both sources", "networks:\n  n:\n    endpoints: [{fromCidr: 10.0.0.0/8, fromRegistry: k}]", "networks[n].endpoints[0]: Invalid value: set fromCidr or fromRegistry, not both" },
        { "a registry name with a dot", "networks:\n  n:\n    endpoints: [{fromRegistry: a.b}]", "networks[n].endpoints[0].fromRegistry: Invalid value: \"a.b\": invalid registry name: must be a DNS-1123 label" },
        { "a gateway without a port", "networks:\n  n:\n    gateways: [{address: 192.0.2.1}]", "networks[n].gateways[0].port: Required value" },
        { "a gateway with neither address nor service", "networks:\n  n:\n    gateways: [{port: 443}]", "networks[n].gateways[0]: Required value: set registryServiceName or address" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_mesh_networks_is_refused_with_one_precise_error(string why, string yaml, string expected) =>
        MeshNetworksLoader.Load(yaml, "n.yaml").Errors.Select(e => e.Message).Should().Equal([expected], why);
}
