namespace Weft.Api.Tests.Analysis;

/// <summary>
/// Weft treats VMs and containers alike: the workloads analyzers look for are pods, WorkloadEntries,
/// WorkloadGroups, and the pod templates of Deployments and KubeVirt virtual machines in the manifests.
/// </summary>
public class WorkloadKindsTests
{
    // As in the OpenShift Service Mesh VM labs: a KubeVirt VM asks for its proxy on its template.
    private const string ControlVm = """
        apiVersion: kubevirt.io/v1
        kind: VirtualMachine
        metadata: {name: control-vm, namespace: travel-control}
        spec:
          running: true
          template:
            metadata:
              annotations: {sidecar.istio.io/inject: "true"}
              labels: {kubevirt.io/domain: control-vm, app: control-vm, version: v1}
            spec:
              domain: {devices: {}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: control, namespace: travel-control}
        spec:
          selector: {app: control-vm}
          ports: [{name: http, port: 8080}]
        """;

    [Fact]
    public void A_destination_rule_subset_selects_a_virtual_machine_by_its_template_labels()
    {
        AnalyzerKit.Analyze("destinationrule.SubsetSelectPodAnalyzer", ControlVm + """

            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: control, namespace: travel-control}
            spec:
              host: control
              subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
            """).Lines().Should().Equal(
            "IST0173 DestinationRule travel-control/control: The Subset v2 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).");
    }

    [Fact]
    public void An_authorization_policy_applies_to_a_virtual_machine_that_asked_for_a_proxy()
    {
        var policy = """

            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: allow-nothing, namespace: travel-control}
            spec: {}
            """;
        AnalyzerKit.Analyze("auth.AuthorizationPoliciesAnalyzer", ControlVm + policy).Should().BeEmpty();
        AnalyzerKit.Analyze("auth.AuthorizationPoliciesAnalyzer", ControlVm.Replace("sidecar.istio.io/inject: \"true\"", "sidecar.istio.io/inject: \"false\"", StringComparison.Ordinal) + policy)
            .Select(f => f.Code).Should().Equal("IST0127");
    }

    [Fact]
    public void A_gateway_selects_the_pods_of_a_deployment_in_the_manifests()
    {
        AnalyzerKit.Analyze("gateway.IngressGatewayPortAnalyzer", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: ingress, namespace: istio-ingress}
            spec:
              selector:
                matchLabels: {istio: ingress}
              template:
                metadata:
                  labels: {istio: ingress}
                spec:
                  containers: [{name: istio-proxy, image: proxyv2}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ingress, namespace: istio-ingress}
            spec:
              selector: {istio: ingress}
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: public, namespace: istio-ingress}
            spec:
              selector: {istio: ingress}
              servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: ["*"]}]
            """).Should().BeEmpty();
    }

    [Fact]
    public void A_virtual_machine_runs_as_its_namespace_default_service_account()
    {
        AnalyzerKit.Analyze("auth.PrincipalAnalyzer", ControlVm + """

            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: from-control, namespace: travel-agency}
            spec:
              rules: [{from: [{source: {principals: [cluster.local/ns/travel-control/sa/default, cluster.local/ns/travel-control/sa/control]}}]}]
            """).Lines().Should().Equal(
            "IST0101 AuthorizationPolicy travel-agency/from-control: Referenced principal not found: \"cluster.local/ns/travel-control/sa/control\"");
    }
}
