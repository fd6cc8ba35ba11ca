namespace Weft.Api.Tests.Analysis.Deprecation;

public class DeprecationAnalyzerTests
{
    private const string Analyzer = "deprecation.DeprecationAnalyzer";

    [Fact]
    public void Deprecated_fields_and_removed_custom_resources_are_reported()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars, namespace: travel-agency}
            spec:
              hosts: [cars]
              http:
              - fault: {delay: {percent: 50, fixedDelay: 5s}}
                route: [{destination: {host: cars}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: travel-agency}
            spec:
              outboundTrafficPolicy: {mode: ALLOW_ANY, egressProxy: {host: egress.example.com, port: {number: 3128}}}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: serviceroles.rbac.istio.io}
            spec:
              group: rbac.istio.io
              names: {kind: ServiceRole, plural: serviceroles}
              scope: Namespaced
              versions: [{name: v1alpha1, served: true, storage: true}]
            """).Lines().Should().Equal(
            "IST0002 VirtualService travel-agency/cars: Deprecated: HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage",
            "IST0002 Sidecar travel-agency/default: Deprecated: OutboundTrafficPolicy.EgressProxy ignored",
            "IST0002 CustomResourceDefinition serviceroles.rbac.istio.io: Deprecated: Custom resource type rbac.istio.io ServiceRole is removed");
    }

    [Fact]
    public void Current_fields_are_fine()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars, namespace: travel-agency}
            spec:
              hosts: [cars]
              http:
              - fault: {delay: {percentage: {value: 50}, fixedDelay: 5s}}
                route: [{destination: {host: cars}}]
            """).Should().BeEmpty();
    }
}
