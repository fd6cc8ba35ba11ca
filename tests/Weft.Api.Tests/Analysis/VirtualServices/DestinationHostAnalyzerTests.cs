namespace Weft.Api.Tests.Analysis.VirtualServices;

public class DestinationHostAnalyzerTests
{
    private const string Analyzer = "virtualservice.DestinationHostAnalyzer";

    private const string Services = """
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: default}
        spec:
          selector: {app: reviews}
          ports: [{name: http, port: 9080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: multi, namespace: default}
        spec:
          selector: {app: multi}
          ports: [{name: http, port: 80}, {name: https, port: 443}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: external-api, namespace: default}
        spec:
          hosts: [api.example.com]
          ports: [{number: 443, name: https, protocol: HTTPS}]
          resolution: DNS
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: eu, namespace: default}
        spec:
          hosts: ["*.eu.example.com"]
          ports: [{number: 443, name: https, protocol: HTTPS}]
          resolution: DNS
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: private, namespace: other}
        spec:
          hosts: [private.example.com]
          exportTo: ["."]
          ports: [{number: 443, name: https, protocol: HTTPS}]
          resolution: DNS
        """;

    private static IReadOnlyList<string> Run(string virtualServices) =>
        AnalyzerKit.Analyze(Analyzer, Services + "\n---\n" + virtualServices).Lines();

    [Fact]
    public void Services_service_entries_fqdns_and_wildcard_entries_are_all_valid_destinations()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: fine, namespace: default}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews}
                - destination: {host: reviews.default.svc.cluster.local, port: {number: 9080}}
                - destination: {host: multi, port: {number: 443}}
                - destination: {host: api.example.com}
                - destination: {host: fr.eu.example.com}
                mirror: {host: reviews}
            """).Should().BeEmpty();
    }

    [Fact]
    public void An_unknown_destination_or_mirror_host_is_an_error()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: bogus, namespace: default}
            spec:
              hosts: [reviews]
              http:
              - route: [{destination: {host: ratings}}]
                mirror: {host: shadow}
              tcp:
              - route: [{destination: {host: db.example.com}}]
            """).Should().Equal(
            "IST0101 VirtualService default/bogus: Referenced host not found: \"db.example.com\"",
            "IST0101 VirtualService default/bogus: Referenced host not found: \"ratings\"",
            "IST0101 VirtualService default/bogus: Referenced mirror host not found: \"shadow\"");
    }

    [Fact]
    public void A_service_entry_exported_only_to_its_namespace_is_not_a_destination_elsewhere()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: there, namespace: other}
            spec:
              hosts: [a.example.com]
              http: [{route: [{destination: {host: private.example.com}}]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: here, namespace: default}
            spec:
              hosts: [a.example.com]
              http: [{route: [{destination: {host: private.example.com}}]}]
            """).Should().Equal(
            "IST0101 VirtualService default/here: Referenced host not found: \"private.example.com\"");
    }

    [Fact]
    public void A_port_the_service_does_not_have_is_an_error()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: wrong-port, namespace: default}
            spec:
              hosts: [reviews]
              http: [{route: [{destination: {host: reviews, port: {number: 8080}}}]}]
            """).Should().Equal(
            "IST0101 VirtualService default/wrong-port: Referenced host:port not found: \"reviews:8080\"");
    }

    [Fact]
    public void A_service_with_several_ports_needs_the_port_named()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ambiguous, namespace: default}
            spec:
              hosts: [multi]
              http: [{route: [{destination: {host: multi}}]}]
            """).Should().Equal(
            "IST0112 VirtualService default/ambiguous: This VirtualService routes to a service \"multi\" that exposes multiple ports [80 443]. Specifying a port in the destination is required to disambiguate.");
    }

    [Fact]
    public void An_ingress_route_without_a_subset_is_flagged_when_a_mesh_route_splits_the_host_by_subset()
    {
        Run("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews-split, namespace: default}
            spec:
              hosts: [reviews]
              http: [{route: [{destination: {host: reviews, subset: v1}, weight: 90}, {destination: {host: reviews, subset: v2}, weight: 10}]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ingress, namespace: default}
            spec:
              hosts: [reviews.example.com]
              gateways: [istio-system/public]
              http: [{route: [{destination: {host: reviews}}]}]
            """).Should().Equal(
            "IST0140 VirtualService default/ingress: Subset in virtual service default/reviews-split has no effect on ingress gateway default/ingress requests");
    }
}
