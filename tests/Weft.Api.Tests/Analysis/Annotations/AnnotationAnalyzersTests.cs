using Weft.Api.Analysis;
using Weft.Api.Analysis.Annotations;

namespace Weft.Api.Tests.Analysis.Annotations;

public class AnnotationAnalyzersTests
{
    [Fact]
    public void Unknown_misplaced_invalid_and_deprecated_istio_annotations_are_reported()
    {
        AnalyzerKit.Analyze("annotations.K8sAnalyzer", """
            apiVersion: v1
            kind: Service
            metadata:
              name: cars
              namespace: travel-agency
              annotations: {networking.istio.io/exportToo: ".", networking.istio.io/exportTo: "."}
            spec: {ports: [{name: http, port: 8000}]}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: travel-agency
              annotations: {sidecar.istio.io/inject: "true"}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: cars-v1
              namespace: travel-agency
              annotations:
                readiness.status.sidecar.istio.io/periodSeconds: soon
                traffic.sidecar.istio.io/excludeOutboundIPRanges: "10.0.0.0/8,not-a-range"
                sidecar.istio.io/inject: "true"
            spec: {containers: [{name: cars, image: cars:v1}]}
            """).Lines().Should().Equal(
            "IST0108 Service travel-agency/cars: Unknown annotation: networking.istio.io/exportToo",
            "IST0135 Namespace travel-agency: Annotation \"sidecar.istio.io/inject\" has been deprecated in favor of the \"sidecar.istio.io/inject\" label and may not work in future Istio versions.",
            "IST0107 Namespace travel-agency: Misplaced annotation: sidecar.istio.io/inject can only be applied to Pod",
            "IST0125 Pod travel-agency/cars-v1: Invalid annotation readiness.status.sidecar.istio.io/periodSeconds: \"soon\" is not an unsigned 32-bit integer",
            "IST0125 Pod travel-agency/cars-v1: Invalid annotation traffic.sidecar.istio.io/excludeOutboundIPRanges: \"not-a-range\" is not an IP range in CIDR form",
            "IST0135 Pod travel-agency/cars-v1: Annotation \"sidecar.istio.io/inject\" has been deprecated in favor of the \"sidecar.istio.io/inject\" label and may not work in future Istio versions.");
    }

    [Fact]
    public void Well_placed_valid_annotations_and_other_prefixes_are_fine()
    {
        AnalyzerKit.Analyze("annotations.K8sAnalyzer", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: cars-v1
              namespace: travel-agency
              labels: {sidecar.istio.io/inject: "true"}
              annotations:
                sidecar.istio.io/inject: "true"
                proxy.istio.io/config: "{}"
                traffic.sidecar.istio.io/includeInboundPorts: "*"
                readiness.status.sidecar.istio.io/periodSeconds: "10"
                kubectl.kubernetes.io/last-applied-configuration: "{}"
                install.operator.istio.io/version: "1.2"
            spec: {containers: [{name: cars, image: cars:v1}]}
            """).Should().BeEmpty();
    }

    [Fact]
    public void Alpha_annotations_are_reported_only_when_asked_for_and_not_those_the_injector_writes()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: cni-pod
              namespace: travel-agency
              annotations: {sidecar.istio.io/interceptionMode: REDIRECT, sidecar.istio.io/status: "{}", sidecar.istio.io/bootstrapOverride: custom}
            spec: {containers: [{name: cars, image: cars:v1}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: init-pod
              namespace: travel-agency
              annotations: {sidecar.istio.io/interceptionMode: TPROXY}
            spec:
              initContainers: [{name: istio-init, image: proxyv2}]
              containers: [{name: cars, image: cars:v1}]
            """;
        AnalyzerKit.Analyze("annotations.AlphaAnalyzer", yaml).Lines().Should().Equal(
            "IST0136 Pod travel-agency/cni-pod: Annotation \"sidecar.istio.io/bootstrapOverride\" is part of an alpha-phase feature and may be incompletely supported.",
            "IST0136 Pod travel-agency/init-pod: Annotation \"sidecar.istio.io/interceptionMode\" is part of an alpha-phase feature and may be incompletely supported.");
        AnalysisRunner.All.Should().NotContain(a => a.Name == "annotations.AlphaAnalyzer", "Istio leaves it out of the default run as too noisy");
    }

    [Fact]
    public void The_annotation_table_has_each_name_once()
    {
        IstioAnnotations.All.Select(a => a.Name).Should().OnlyHaveUniqueItems();
        IstioAnnotations.All.Should().OnlyContain(a => IstioAnnotation.IsIstio(a.Name));
    }
}
