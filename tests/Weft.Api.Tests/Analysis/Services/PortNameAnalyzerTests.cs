namespace Weft.Api.Tests.Analysis.Services;

public class PortNameAnalyzerTests
{
    private const string Analyzer = "service.PortNameAnalyzer";

    private static IReadOnlyList<string> Run(string yaml) => AnalyzerKit.Analyze(Analyzer, yaml).Lines();

    [Fact]
    public void Ports_named_by_protocol_or_with_an_app_protocol_are_fine()
    {
        Run("""
            apiVersion: v1
            kind: Service
            metadata: {name: travels, namespace: travel-agency}
            spec:
              selector: {app: travels}
              ports:
              - {name: http, port: 8000}
              - {name: grpc-web-api, port: 8001}
              - {name: tcp-db, port: 3307}
              - {name: metrics, port: 9090, appProtocol: http}
              - {name: dns, port: 5353, protocol: UDP}
              - {port: 3306}
            """).Should().BeEmpty();
    }

    [Fact]
    public void An_unnamed_or_oddly_named_port_is_reported_with_its_numbers()
    {
        Run("""
            apiVersion: v1
            kind: Service
            metadata: {name: travels, namespace: travel-agency}
            spec:
              selector: {app: travels}
              ports:
              - {port: 8000, targetPort: 8080}
              - {name: web, port: 8001, targetPort: http-alt}
            """).Should().Equal(
            "IST0118 Service travel-agency/travels: Port name  (port: 8000, targetPort: 8080) doesn't follow the naming convention of Istio port.",
            "IST0118 Service travel-agency/travels: Port name web (port: 8001, targetPort: http-alt) doesn't follow the naming convention of Istio port.");
    }

    [Fact]
    public void An_external_name_service_port_must_not_be_plain_tcp()
    {
        Run("""
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: travel-agency}
            spec:
              type: ExternalName
              externalName: db.example.com
              ports: [{name: tcp, port: 3306}]
            """).Should().Equal(
            "IST0150 Service travel-agency/db: Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly");
    }

    [Fact]
    public void System_namespaces_and_control_plane_services_are_not_checked()
    {
        Run("""
            apiVersion: v1
            kind: Service
            metadata: {name: kube-dns, namespace: kube-system}
            spec: {ports: [{port: 53}]}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: istiod
              namespace: istio-system
              labels: {istio: pilot}
            spec: {ports: [{port: 15012}]}
            """).Should().BeEmpty();
    }
}
