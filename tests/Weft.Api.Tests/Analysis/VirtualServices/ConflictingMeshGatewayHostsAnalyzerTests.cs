namespace Weft.Api.Tests.Analysis.VirtualServices;

public class ConflictingMeshGatewayHostsAnalyzerTests
{
    private const string Analyzer = "virtualservice.ConflictingMeshGatewayHostsAnalyzer";

    [Fact]
    public void Two_mesh_virtual_services_for_the_same_host_conflict_whatever_way_the_host_is_written()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars-a, namespace: travel-agency}
            spec:
              hosts: [cars]
              http: [{route: [{destination: {host: cars}}]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars-b, namespace: travel-agency}
            spec:
              hosts: [cars.travel-agency.svc.cluster.local]
              gateways: [mesh, istio-system/public]
              http: [{route: [{destination: {host: cars}}]}]
            """).Lines().Should().Equal(
            "IST0109 VirtualService travel-agency/cars-a: The VirtualServices travel-agency/cars-a,travel-agency/cars-b associated with mesh gateway define the same host */cars.travel-agency.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.",
            "IST0109 VirtualService travel-agency/cars-b: The VirtualServices travel-agency/cars-a,travel-agency/cars-b associated with mesh gateway define the same host */cars.travel-agency.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.");
    }

    [Fact]
    public void Gateway_only_bindings_and_namespace_local_exports_do_not_conflict()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: mesh, namespace: a}
            spec:
              hosts: [api.example.com]
              exportTo: ["."]
              http: [{route: [{destination: {host: api.example.com}}]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: mesh, namespace: b}
            spec:
              hosts: [api.example.com]
              exportTo: ["."]
              http: [{route: [{destination: {host: api.example.com}}]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ingress, namespace: a}
            spec:
              hosts: [api.example.com]
              gateways: [istio-system/public]
              http: [{route: [{destination: {host: api.example.com}}]}]
            """).Should().BeEmpty();
    }

    [Fact]
    public void A_namespace_local_host_conflicts_with_an_overlapping_host_exported_everywhere()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: local, namespace: a}
            spec:
              hosts: [api.example.com]
              exportTo: ["."]
              http: [{route: [{destination: {host: api.example.com}}]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: everywhere, namespace: b}
            spec:
              hosts: ["*.example.com"]
              http: [{route: [{destination: {host: api.example.com}}]}]
            """).Select(f => f.Origin).Should().Equal("VirtualService a/local", "VirtualService b/everywhere");
    }
}
