using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Clusters;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Egress;

/// <summary>
/// Istio's egress tasks as snapshots: ServiceEntries for external hosts become clusters the
/// sidecar routes to, REGISTRY_ONLY sends the rest to the BlackHoleCluster, the egress gateway's
/// two-hop VirtualService splits between the sidecar and the gateway, and a SIMPLE
/// DestinationRule originates TLS to the entry's target port.
/// </summary>
public sealed class EgressTranslationTests
{
    private static readonly HashSet<string> NoSidecars = [];

    private static NodeInfo Sleep => TranslationFixture.Node("sleep", "default", "127.31.0.1", "app=sleep");

    private static NodeInfo EgressGateway => TranslationFixture.Node("istio-egressgateway", "istio-system", "127.31.0.2", "istio=egressgateway") with { Mode = ProxyMode.Gateway };

    private static ProxySnapshot Build(string yaml, NodeInfo node)
    {
        var snapshot = SnapshotBuilder.Build(TranslationFixture.Push(yaml), node, NoSidecars);
        SnapshotValidator.Validate(snapshot).Should().BeEmpty("the proxy must accept what translation builds");
        return snapshot;
    }

    private static VirtualHost HttpProxyHost(ProxySnapshot s, string domain) =>
        s.RouteConfigurations.Single(r => r.Name == RouteBuilder.HttpProxyRoute).VirtualHosts.Single(v => v.Domains.Contains(domain));

    private const string RegistryOnly = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |
            outboundTrafficPolicy:
              mode: REGISTRY_ONLY
        ---

        """;

    private const string Httpbin = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: httpbin-ext, namespace: default}
        spec:
          hosts: [httpbin.org]
          addresses: [240.0.0.1, 10.0.0.0/16]
          ports: [{number: 80, name: http, protocol: HTTP}]
          resolution: DNS
          location: MESH_EXTERNAL
        ---

        """;

    [Fact]
    public void Under_REGISTRY_ONLY_a_service_entry_host_routes_to_its_cluster_and_everything_else_to_the_black_hole()
    {
        var snapshot = Build(RegistryOnly + Httpbin, Sleep);

        var host = HttpProxyHost(snapshot, "httpbin.org");
        host.Domains.Should().Equal("httpbin.org", "httpbin.org:80", "240.0.0.1", "240.0.0.1:80");
        host.Routes.Single().Forward!.Clusters.Single().Name.Should().Be("outbound|80||httpbin.org");
        var catchAll = HttpProxyHost(snapshot, "*");
        catchAll.Name.Should().Be("block_all");
        catchAll.Routes.Single().Forward!.Clusters.Single().Name.Should().Be("BlackHoleCluster");

        var cluster = snapshot.Clusters.Single(c => c.Name == "outbound|80||httpbin.org");
        cluster.Type.Should().Be(ClusterType.Eds);
        cluster.Tls.Should().BeNull("an external host gets no auto mTLS");
        // DNS resolution without endpoints: the proxy resolves the host itself.
        snapshot.Endpoints.Single(e => e.ClusterName == "outbound|80||httpbin.org").Endpoints.Single().Address.Should().Be("httpbin.org");
    }

    [Fact]
    public void A_sidecar_resource_allowing_any_overrides_a_registry_only_mesh_for_its_namespace()
    {
        const string sidecar = """
            apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: default, namespace: default}
            spec:
              outboundTrafficPolicy: {mode: ALLOW_ANY}
            """;
        Build(RegistryOnly + sidecar, Sleep).RouteConfigurations.Single(r => r.Name == RouteBuilder.HttpProxyRoute).VirtualHosts.Single(v => v.Domains.Contains("*"))
            .Routes.Single().Forward!.Clusters.Single().Name.Should().Be("PassthroughCluster");
        Build(RegistryOnly + sidecar, TranslationFixture.Node("other", "other", "127.31.0.3", "app=other"))
            .Listeners.Single(l => l.Port == 15001).DefaultFilterChain!.Tcp!.Clusters.Single().Name.Should().Be("BlackHoleCluster");
    }

    private const string EgressTask = """
        apiVersion: v1
        kind: Service
        metadata: {name: istio-egressgateway, namespace: istio-system}
        spec:
          selector: {istio: egressgateway}
          ports: [{name: http, port: 80}, {name: https, port: 443}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: istio-egressgateway, namespace: istio-system}
        spec: {address: 127.31.0.2, labels: {istio: egressgateway}}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: cnn, namespace: default}
        spec:
          hosts: [edition.cnn.com]
          ports: [{number: 80, name: http-port, protocol: HTTP}, {number: 443, name: https, protocol: HTTPS}]
          resolution: DNS
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: istio-egressgateway, namespace: default}
        spec:
          selector: {istio: egressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [edition.cnn.com]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: egressgateway-for-cnn, namespace: default}
        spec:
          host: istio-egressgateway.istio-system.svc.cluster.local
          subsets: [{name: cnn}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: direct-cnn-through-egress-gateway, namespace: default}
        spec:
          hosts: [edition.cnn.com]
          gateways: [istio-egressgateway, mesh]
          http:
          - match: [{gateways: [mesh], port: 80}]
            route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: {number: 80}}, weight: 100}]
          - match: [{gateways: [istio-egressgateway], port: 80}]
            route: [{destination: {host: edition.cnn.com, port: {number: 80}}, weight: 100}]
        """;

    [Fact]
    public void The_two_hop_virtual_service_sends_the_sidecar_to_the_egress_gateway_and_the_gateway_to_the_external_host()
    {
        var sidecar = Build(EgressTask, Sleep);
        HttpProxyHost(sidecar, "edition.cnn.com").Routes.Single().Forward!.Clusters.Single().Name
            .Should().Be("outbound|80|cnn|istio-egressgateway.istio-system.svc.cluster.local");

        var gateway = Build(EgressTask, EgressGateway);
        var listener = gateway.Listeners.Single();
        (listener.Address, listener.Port).Should().Be(("127.31.0.2", 80));
        gateway.RouteConfigurations.Single(r => r.Name == "http.80").VirtualHosts.Single(v => v.Domains.Contains("edition.cnn.com"))
            .Routes.Single().Forward!.Clusters.Single().Name.Should().Be("outbound|80||edition.cnn.com");
        gateway.Clusters.Should().Contain(c => c.Name == "outbound|80||edition.cnn.com");
    }

    [Fact]
    public void A_simple_destination_rule_on_port_80_originates_tls_to_the_entrys_target_port_443()
    {
        const string origination = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: edition-cnn-com, namespace: default}
            spec:
              hosts: [edition.cnn.com]
              ports:
              - {number: 80, name: http-port, protocol: HTTP, targetPort: 443}
              - {number: 443, name: https-port, protocol: HTTPS}
              resolution: DNS
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: edition-cnn-com, namespace: default}
            spec:
              host: edition.cnn.com
              trafficPolicy:
                portLevelSettings:
                - port: {number: 80}
                  tls: {mode: SIMPLE, caCertificates: /etc/ssl/certs/ca-certificates.crt}
            """;
        var snapshot = Build(origination, Sleep);

        var cluster = snapshot.Clusters.Single(c => c.Name == "outbound|80||edition.cnn.com");
        cluster.Tls.Should().BeEquivalentTo(new UpstreamTlsSettings { Mode = TlsMode.Simple, CaCertificates = "/etc/ssl/certs/ca-certificates.crt" });
        var endpoint = snapshot.Endpoints.Single(e => e.ClusterName == "outbound|80||edition.cnn.com").Endpoints.Single();
        (endpoint.Address, endpoint.Port).Should().Be(("edition.cnn.com", 443));
        snapshot.Clusters.Single(c => c.Name == "outbound|443||edition.cnn.com").Tls.Should().BeNull("port 443 is the application's own TLS, passed through");
    }
    [Fact]
    public void A_credential_name_puts_the_secrets_roots_and_client_certificate_in_place_of_the_files_and_a_missing_secret_trusts_nothing()
    {
        const string rules = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: api, namespace: default}
            spec:
              hosts: [api.example.com, other.example.com]
              ports: [{number: 443, name: https, protocol: HTTPS}]
              resolution: DNS
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: api-client, namespace: default}
            type: Opaque
            stringData: {cacert: ROOTS, cert: CLIENT-CERT, key: CLIENT-KEY}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: api, namespace: default}
            spec:
              host: api.example.com
              trafficPolicy:
                tls: {mode: MUTUAL, credentialName: api-client, caCertificates: /ignored/ca.pem, sni: api.example.com}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: other, namespace: default}
            spec:
              host: other.example.com
              trafficPolicy:
                tls: {mode: SIMPLE, credentialName: not-there}
            """;
        var snapshot = Build(rules, Sleep);

        snapshot.Clusters.Single(c => c.Name == "outbound|443||api.example.com").Tls.Should().BeEquivalentTo(new UpstreamTlsSettings
        {
            Mode = TlsMode.Mutual,
            Sni = "api.example.com",
            CaSecret = new Weft.Discovery.Security.SecretReference { Name = "default/api-client", Version = snapshot.Clusters.Single(c => c.Name == "outbound|443||api.example.com").Tls!.CaSecret!.Version },
            CredentialSecret = new Weft.Discovery.Security.SecretReference { Name = "default/api-client", Version = snapshot.Clusters.Single(c => c.Name == "outbound|443||api.example.com").Tls!.CaSecret!.Version },
        }, "the Secret is named, never carried: the proxy fetches it from weftd");
        snapshot.Clusters.Single(c => c.Name == "outbound|443||other.example.com").Tls.Should().BeEquivalentTo(new UpstreamTlsSettings { Mode = TlsMode.Simple, CaCertificatesPem = "" });
    }
}
