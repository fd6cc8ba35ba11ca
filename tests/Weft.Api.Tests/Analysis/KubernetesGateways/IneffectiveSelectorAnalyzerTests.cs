namespace Weft.Api.Tests.Analysis.KubernetesGateways;

public class IneffectiveSelectorAnalyzerTests
{
    private const string Analyzer = "k8sgateway.SelectorAnalyzer";

    private const string GatewayPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: ingress-istio-5d8f
          namespace: istio-ingress
          labels: {gateway.networking.k8s.io/gateway-name: ingress, app: ingress}
        spec: {containers: [{name: istio-proxy, image: proxyv2}]}
        """;

    [Fact]
    public void Policies_selecting_gateway_api_gateway_workloads_by_label_are_ineffective()
    {
        AnalyzerKit.Analyze(Analyzer, GatewayPod + """

            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: by-label, namespace: istio-ingress}
            spec:
              selector: {matchLabels: {gateway.networking.k8s.io/gateway-name: ingress}}
            ---
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: by-app, namespace: istio-ingress}
            spec:
              selector: {matchLabels: {app: ingress}}
            """).Lines().Should().Equal(
            "IST0166 AuthorizationPolicy istio-ingress/by-label: Ineffective selector on Kubernetes Gateway ingress. Use the TargetRef field instead.",
            "IST0166 RequestAuthentication istio-ingress/by-app: Ineffective selector on Kubernetes Gateway ingress. Use the TargetRef field instead.");
    }

    [Fact]
    public void Policies_attached_by_target_ref_or_in_other_namespaces_are_fine()
    {
        AnalyzerKit.Analyze(Analyzer, GatewayPod + """

            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: targeted, namespace: istio-ingress}
            spec:
              targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: ingress}]
            ---
            apiVersion: telemetry.istio.io/v1
            kind: Telemetry
            metadata: {name: elsewhere, namespace: travel-agency}
            spec:
              selector: {matchLabels: {app: ingress}}
            """).Should().BeEmpty();
    }
}
