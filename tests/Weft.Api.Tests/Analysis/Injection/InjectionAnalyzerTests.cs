namespace Weft.Api.Tests.Analysis.Injection;

public class InjectionAnalyzerTests
{
    private const string Analyzer = "injection.Analyzer";

    [Fact]
    public void Namespaces_say_once_whether_they_are_injected_and_their_pods_have_proxies()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: v1
            kind: Namespace
            metadata: {name: travel-portal}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: travel-agency
              labels: {istio-injection: enabled, istio.io/rev: canary}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: travel-control
              labels: {istio-injection: enabled}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: control, namespace: travel-control}
            spec: {containers: [{name: control, image: control:v1}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: control-injected, namespace: travel-control}
            spec: {containers: [{name: control, image: control:v1}, {name: istio-proxy, image: proxyv2:1.27}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: control-opted-out
              namespace: travel-control
              labels: {sidecar.istio.io/inject: "false"}
            spec: {containers: [{name: control, image: control:v1}]}
            """).Lines().Should().Equal(
            "IST0102 Namespace travel-portal: The namespace is not enabled for Istio injection. Run 'kubectl label namespace travel-portal istio-injection=enabled' to enable it, or 'kubectl label namespace travel-portal istio-injection=disabled' to explicitly mark it as not needing injection.",
            "IST0123 Namespace travel-agency: The namespace has more than one type of injection labels [istio-injection=enabled istio.io/rev=canary], which may lead to undefined behavior. Make sure only one injection label exists.",
            "IST0103 Pod travel-control/control: The pod travel-control/control is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.");
    }

    [Fact]
    public void Ambient_and_explicitly_disabled_namespaces_need_nothing()
    {
        AnalyzerKit.Analyze(Analyzer, """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: ambient
              labels: {istio.io/dataplane-mode: ambient}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: legacy
              labels: {istio-injection: disabled, istio.io/rev: canary}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: app, namespace: legacy}
            spec: {containers: [{name: app, image: app:v1}]}
            """).Should().BeEmpty();
    }
}
