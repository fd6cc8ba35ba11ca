namespace Weft.Api.Tests.Analysis.VirtualServices;

public class DestinationRuleSubsetAnalyzerTests
{
    private const string Analyzer = "virtualservice.DestinationRuleAnalyzer";

    private const string Rules = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cars, namespace: travel-agency}
        spec:
          host: cars
          subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
        """;

    [Fact]
    public void Subsets_defined_for_the_host_are_fine_however_the_host_is_written()
    {
        AnalyzerKit.Analyze(Analyzer, Rules + """

            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars, namespace: travel-agency}
            spec:
              hosts: [cars]
              http:
              - route:
                - {destination: {host: cars, subset: v1}, weight: 90}
                - {destination: {host: cars.travel-agency.svc.cluster.local, subset: v2}, weight: 10}
                mirror: {host: cars, subset: v2}
              - route: [{destination: {host: cars}}]
            """).Should().BeEmpty();
    }

    [Fact]
    public void A_subset_no_destination_rule_defines_is_an_error_for_routes_and_mirrors()
    {
        AnalyzerKit.Analyze(Analyzer, Rules + """

            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars, namespace: travel-agency}
            spec:
              hosts: [cars]
              http:
              - route: [{destination: {host: cars, subset: v3}}]
                mirror: {host: cars, subset: shadow}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars, namespace: travel-portal}
            spec:
              hosts: [cars]
              http:
              - route: [{destination: {host: cars, subset: v1}}]
            """).Lines().Should().Equal(
            "IST0101 VirtualService travel-agency/cars: Referenced host+subset in destinationrule not found: \"cars+v3\"",
            "IST0101 VirtualService travel-agency/cars: Referenced mirror+subset in destinationrule not found: \"cars+shadow\"",
            "IST0101 VirtualService travel-portal/cars: Referenced host+subset in destinationrule not found: \"cars+v1\"");
    }
}
