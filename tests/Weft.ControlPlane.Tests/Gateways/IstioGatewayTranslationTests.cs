using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Gateways;

/// <summary>Istio Gateways and the VirtualServices bound to them, as a gateway proxy's listeners and routes.</summary>
public sealed class IstioGatewayTranslationTests
{
    private static readonly HashSet<string> NoSidecars = [];

    /// <summary>The control VM of the resilience lab: the corpus holds its Gateway, VirtualService and DestinationRule, not its Service.</summary>
    private const string ControlVm = """
        apiVersion: v1
        kind: Service
        metadata: {name: control-vm, namespace: travel-control}
        spec:
          selector: {app: control-vm}
          ports: [{name: http, port: 8080}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: control-vm, namespace: travel-control}
        spec: {address: 127.30.0.1, labels: {app: control-vm, version: v1}}
        ---

        """;

    private static NodeInfo IngressGateway(string ns = "istio-system", string labels = "istio=ingressgateway") =>
        TranslationFixture.Node("istio-ingressgateway", ns, "127.30.0.100", labels) with { Mode = ProxyMode.Gateway };

    private static ProxySnapshot Build(string yaml, NodeInfo node)
    {
        var snapshot = SnapshotBuilder.Build(TranslationFixture.Push(yaml), node, NoSidecars);
        SnapshotValidator.Validate(snapshot).Should().BeEmpty("the proxy must accept what translation builds");
        return snapshot;
    }

    private static VirtualHost Host(ProxySnapshot s, int port, string domain) =>
        s.RouteConfigurations.Single(r => r.Name == $"http.{port}").VirtualHosts.Single(v => v.Domains.Contains(domain));

    [Fact]
    public void The_lab_gateway_and_virtual_service_route_the_ingress_host_on_port_80_to_the_control_vm_subset()
    {
        var lab = File.ReadAllText(Path.Combine(Weft.Testing.Repo.RequireCorpus("ossm-vm-labs/script-manifests/virt-ossm-workspace/lab-4"), "expose-control-vm.yaml"));
        var snapshot = Build(ControlVm + lab, IngressGateway());

        var listener = snapshot.Listeners.Single();
        (listener.Name, listener.Address, listener.Port).Should().Be(("127.30.0.100_80", "127.30.0.100", 80));
        listener.FilterChains.Single().Http!.RouteConfigName.Should().Be("http.80");
        listener.FilterChains.Single().Http!.UseRemoteAddress.Should().BeTrue();
        var host = Host(snapshot, 80, "istio-ingressgateway-istio-system.apps.example.com");
        host.Domains.Should().Equal("istio-ingressgateway-istio-system.apps.example.com", "istio-ingressgateway-istio-system.apps.example.com:80");
        host.Routes.Single().Forward!.Clusters.Single().Name.Should().Be("outbound|8080|v1|control-vm.travel-control.svc.cluster.local");
        snapshot.Clusters.Should().Contain(c => c.Name == "outbound|8080|v1|control-vm.travel-control.svc.cluster.local");
    }

    [Fact]
    public void A_virtual_service_bound_only_to_a_gateway_is_not_seen_by_sidecars()
    {
        var lab = File.ReadAllText(Path.Combine(Weft.Testing.Repo.RequireCorpus("ossm-vm-labs/script-manifests/virt-ossm-workspace/lab-4"), "expose-control-vm.yaml"));
        var sidecar = Build(ControlVm + lab, TranslationFixture.Node("portal", "travel-control", "127.30.0.9", "app=portal"));

        sidecar.RouteConfigurations.SelectMany(r => r.VirtualHosts).SelectMany(v => v.Domains)
            .Should().NotContain("istio-ingressgateway-istio-system.apps.example.com");
        sidecar.Listeners.Should().NotContain(l => l.Port == 80);
    }

    [Fact]
    public void A_gateway_proxy_whose_labels_no_gateway_selects_gets_no_listeners()
    {
        var lab = File.ReadAllText(Path.Combine(Weft.Testing.Repo.RequireCorpus("ossm-vm-labs/script-manifests/virt-ossm-workspace/lab-4"), "expose-control-vm.yaml"));
        var snapshot = Build(ControlVm + lab, IngressGateway(labels: "istio=egressgateway"));

        snapshot.Listeners.Should().BeEmpty();
        snapshot.RouteConfigurations.Should().BeEmpty();
    }

    private const string TwoServers = ControlVm + """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: web, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 8080, name: http, protocol: HTTP}
            hosts: ["travel-control/control.example.com", "other/other.example.com"]
          - port: {number: 8081, name: http-redirect, protocol: HTTP}
            hosts: ["*"]
            tls: {httpsRedirect: true}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: control, namespace: travel-control}
        spec:
          hosts: ["control.example.com", "other.example.com"]
          gateways: [istio-system/web, mesh]
          http:
          - match: [{uri: {prefix: /mesh-only}, gateways: [mesh]}]
            route: [{destination: {host: control-vm}}]
          - match: [{uri: {prefix: /api}, gateways: [istio-system/web]}, {uri: {prefix: /v2}}]
            route: [{destination: {host: control-vm, port: {number: 8080}}}]
            timeout: 3s
        """;

    [Fact]
    public void Server_hosts_admit_only_virtual_services_of_the_namespace_they_name()
    {
        var routes = Build(TwoServers, IngressGateway()).RouteConfigurations.Single(r => r.Name == "http.8080");

        routes.VirtualHosts.SelectMany(v => v.Domains).Should().Equal("control.example.com", "control.example.com:8080");
    }

    [Fact]
    public void Match_blocks_naming_only_the_mesh_are_dropped_at_the_gateway_and_the_others_kept_in_order()
    {
        var host = Host(Build(TwoServers, IngressGateway()), 8080, "control.example.com");

        host.Routes.Select(r => r.Match.Path!.Prefix).Should().Equal("/api", "/v2");
        host.Routes.Should().AllSatisfy(r => r.Forward!.Timeout.Should().Be(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void An_https_redirect_server_answers_every_host_with_a_301_to_https()
    {
        var route = Host(Build(TwoServers, IngressGateway()), 8081, "*").Routes.Single();

        route.Redirect.Should().Be(new RedirectAction { Scheme = "https", Port = 443, ResponseCode = 301 });
    }

    [Fact]
    public void Gateways_on_one_port_merge_and_their_hosts_share_one_route_table()
    {
        var snapshot = Build(ControlVm + """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: first, namespace: travel-control}
            spec:
              selector: {istio: ingressgateway}
              servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [a.example.com]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: second, namespace: travel-control}
            spec:
              selector: {istio: ingressgateway}
              servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [b.example.com]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: a, namespace: travel-control}
            spec:
              hosts: [a.example.com]
              gateways: [first]
              http: [{route: [{destination: {host: control-vm}}]}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: b, namespace: travel-control}
            spec:
              hosts: [b.example.com, a.example.com]
              gateways: [second]
              http: [{route: [{destination: {host: control-vm}}], headers: {response: {set: {x-from: b}}}}]
            """, IngressGateway());

        snapshot.Listeners.Should().ContainSingle(l => l.Port == 80);
        var table = snapshot.RouteConfigurations.Single(r => r.Name == "http.80");
        table.VirtualHosts.Select(v => v.Name).Should().Equal("a.example.com:80", "b.example.com:80");
        // b is bound to the second gateway only, whose server does not serve a.example.com.
        Host(snapshot, 80, "a.example.com").Routes.Should().ContainSingle().Which.ResponseHeaders.Should().BeNull();
    }

    [Fact]
    public void A_tls_passthrough_server_routes_by_sni_and_a_tcp_server_relays_to_its_tcp_route()
    {
        var snapshot = Build(ControlVm + """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: travel-control}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 443, name: tls, protocol: TLS}
                hosts: ["*.example.com"]
                tls: {mode: PASSTHROUGH}
              - port: {number: 31400, name: tcp, protocol: TCP}
                hosts: ["*"]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: edge, namespace: travel-control}
            spec:
              hosts: ["*"]
              gateways: [edge]
              tls:
              - match: [{sniHosts: [control.example.com], port: 443}]
                route: [{destination: {host: control-vm, port: {number: 8080}}}]
              tcp:
              - match: [{port: 31400}]
                route: [{destination: {host: control-vm, port: {number: 8080}}}]
            """, IngressGateway());

        var tls = snapshot.Listeners.Single(l => l.Port == 443).FilterChains.Single();
        tls.Match.ServerNames.Should().Equal("control.example.com");
        tls.Match.TransportProtocol.Should().Be("tls");
        tls.Tcp!.Clusters.Single().Name.Should().Be("outbound|8080||control-vm.travel-control.svc.cluster.local");
        snapshot.Listeners.Single(l => l.Port == 31400).FilterChains.Single().Tcp!.Clusters.Single().Name
            .Should().Be("outbound|8080||control-vm.travel-control.svc.cluster.local");
    }
}
