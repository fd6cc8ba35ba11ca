namespace Weft.Api.Tests.Analysis.Deployments;

public class DeploymentAnalyzersTests
{
    private const string DefaultContainers = "[{name: app, image: app:v1}]";

    private static string Deployment(string name, string labels, string? containers = null, string ns = "travel-portal") => $$"""

        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          selector:
            matchLabels: {app: x}
          template:
            metadata:
              labels: {{labels}}
            spec:
              containers: {{containers ?? DefaultContainers}}
        """;

    private static string Service(string name, string selector, string ports, string ns = "travel-portal") => $$"""

        ---
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          selector: {{selector}}
          ports: {{ports}}
        """;

    private const string InjectedNamespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: travel-portal
          labels: {istio-injection: enabled}
        """;

    [Fact]
    public void Services_giving_one_port_of_a_deployment_two_protocols_or_one_target_two_ports_are_warned_about()
    {
        AnalyzerKit.Analyze("deployment.MultiServiceAnalyzer", InjectedNamespace
            + Deployment("viaggi", "{app: viaggi}")
            + Service("viaggi-tcp", "{app: viaggi}", "[{name: tcp, port: 8000, protocol: TCP}]")
            + Service("viaggi-udp", "{app: viaggi}", "[{name: udp, port: 8000, protocol: UDP}]")
            + Service("viaggi-alt", "{app: viaggi}", "[{name: http, port: 9000, targetPort: 8000}]")).Lines().Should().Equal(
            "IST0116 Deployment travel-portal/viaggi: This deployment viaggi is associated with multiple services using port 8000 but different protocols: [travel-portal/viaggi-tcp travel-portal/viaggi-udp]",
            // As in Istio, one service per port number is named for a target port (the last one read).
            "IST0137 Deployment travel-portal/viaggi: This deployment viaggi is associated with multiple services [travel-portal/viaggi-alt travel-portal/viaggi-udp] using targetPort \"8000\" but different ports: [8000 9000].");
    }

    [Fact]
    public void Consistent_services_and_deployments_outside_the_mesh_are_fine()
    {
        AnalyzerKit.Analyze("deployment.MultiServiceAnalyzer", InjectedNamespace
            + Deployment("viaggi", "{app: viaggi}")
            + Service("viaggi", "{app: viaggi}", "[{name: http, port: 8000}, {name: metrics, port: 9090, appProtocol: http}]")
            + Service("viaggi-headless", "{app: viaggi}", "[{name: http, port: 8000}]")
            + Deployment("legacy", "{app: legacy, sidecar.istio.io/inject: \"false\"}")
            + Service("legacy-tcp", "{app: legacy}", "[{name: tcp, port: 8000, protocol: TCP}]")
            + Service("legacy-udp", "{app: legacy}", "[{name: udp, port: 8000, protocol: UDP}]")).Should().BeEmpty();
    }

    [Fact]
    public void A_workload_group_of_vms_is_checked_like_a_deployment()
    {
        AnalyzerKit.Analyze("deployment.MultiServiceAnalyzer", """
            apiVersion: networking.istio.io/v1
            kind: WorkloadGroup
            metadata: {name: cars-vm, namespace: travel-agency}
            spec:
              metadata: {labels: {app: cars}}
              template: {serviceAccount: cars}
            """ + Service("cars", "{app: cars}", "[{name: http, port: 8000, protocol: TCP}]", ns: "travel-agency")
            + Service("cars-dns", "{app: cars}", "[{name: dns, port: 8000, protocol: UDP}]", ns: "travel-agency")).Lines().Should().Equal(
            "IST0116 WorkloadGroup travel-agency/cars-vm: This deployment cars-vm is associated with multiple services using port 8000 but different protocols: [travel-agency/cars travel-agency/cars-dns]");
    }

    [Fact]
    public void An_application_running_as_the_proxy_user_is_warned_about()
    {
        AnalyzerKit.Analyze("applicationUID.Analyzer", """
            apiVersion: v1
            kind: Pod
            metadata: {name: viaggi, namespace: travel-portal}
            spec:
              securityContext: {runAsUser: 1337}
              containers: [{name: web, image: viaggi:v1}]
            """ + Deployment("cars", "{app: cars}", "[{name: cars, image: cars:v1, securityContext: {runAsUser: 1337}}]", ns: "travel-agency"))
            .Lines().Should().Equal(
                "IST0144 Pod travel-portal/viaggi: User ID (UID) 1337 is reserved for the sidecar proxy.",
                "IST0144 Deployment travel-agency/cars: User ID (UID) 1337 is reserved for the sidecar proxy.");
    }

    [Fact]
    public void The_proxy_container_itself_and_other_users_are_fine()
    {
        AnalyzerKit.Analyze("applicationUID.Analyzer", """
            apiVersion: v1
            kind: Pod
            metadata: {name: viaggi, namespace: travel-portal}
            spec:
              securityContext: {runAsUser: 1000}
              containers:
              - {name: web, image: viaggi:v1}
              - {name: istio-proxy, image: proxyv2, securityContext: {runAsUser: 1337}}
            """).Should().BeEmpty();
    }
}
