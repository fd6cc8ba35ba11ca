using Weft.ControlPlane.Translation;
using Weft.Discovery.Clusters;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Translation.Gateways;

/// <summary>
/// Gateway servers with <c>tls.mode: ISTIO_MUTUAL</c>, as Istio's egress gateway tasks use them:
/// the gateway terminates mesh mTLS with its workload certificate (no Secret), routes HTTPS by the
/// bound http routes and TLS by the bound tcp routes, and the sidecar reaches it with the
/// DestinationRule's ISTIO_MUTUAL and <c>sni</c>.
/// </summary>
public sealed class IstioMutualServerTests
{
    private static readonly HashSet<string> NoSidecars = [];

    private static NodeInfo EgressGateway => TranslationFixture.Node("istio-egressgateway", "istio-system", "127.31.0.60", "istio=egressgateway")
        with { Mode = ProxyMode.Gateway, ServiceAccount = "istio-egressgateway" };

    private static NodeInfo Sleep => TranslationFixture.Node("sleep", "default", "127.31.0.1", "app=sleep");

    private static ProxySnapshot Build(string yaml, NodeInfo node)
    {
        var snapshot = SnapshotBuilder.Build(TranslationFixture.Push(yaml), node, NoSidecars);
        SnapshotValidator.Validate(snapshot).Should().BeEmpty("the proxy must accept what translation builds");
        return snapshot;
    }

    /// <summary>The egress gateway's Service (as `weft gateway run --port 443` registers it) and its WorkloadEntry.</summary>
    private const string GatewayService = """
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
        spec: {address: 127.31.0.60, labels: {istio: egressgateway}, serviceAccount: istio-egressgateway}
        ---

        """;

    private const string HttpTask = GatewayService + """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: cnn, namespace: default}
        spec:
          hosts: [edition.cnn.test]
          ports: [{number: 80, name: http-port, protocol: HTTP}]
          resolution: DNS
          endpoints: [{address: 127.31.0.90}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: istio-egressgateway, namespace: default}
        spec:
          selector: {istio: egressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [edition.cnn.test]
            tls: {mode: ISTIO_MUTUAL}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: egressgateway-for-cnn, namespace: default}
        spec:
          host: istio-egressgateway.istio-system.svc.cluster.local
          subsets:
          - name: cnn
            trafficPolicy:
              portLevelSettings:
              - port: {number: 443}
                tls: {mode: ISTIO_MUTUAL, sni: edition.cnn.test}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: direct-cnn-through-egress-gateway, namespace: default}
        spec:
          hosts: [edition.cnn.test]
          gateways: [istio-egressgateway, mesh]
          http:
          - match: [{gateways: [mesh], port: 80}]
            route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: {number: 443}}}]
          - match: [{gateways: [istio-egressgateway], port: 443}]
            route: [{destination: {host: edition.cnn.test, port: {number: 80}}}]
        """;

    [Fact]
    public void An_istio_mutual_https_server_terminates_with_the_workload_certificate_and_routes_its_hosts()
    {
        var snapshot = Build(HttpTask, EgressGateway);

        var chain = snapshot.Listeners.Single(l => l.Port == 443).FilterChains.Single();
        chain.Name.Should().Be("https.443.https.default/istio-egressgateway");
        chain.Match.ServerNames.Should().Equal("edition.cnn.test");
        chain.Match.TransportProtocol.Should().Be("tls");
        chain.Tls!.WorkloadCertificate.Should().BeTrue();
        chain.Tls.Source.Should().Be("spiffe://cluster.local/ns/istio-system/sa/istio-egressgateway");
        chain.Tls.CertificateSecret.Should().BeNull("ISTIO_MUTUAL names no Secret");
        var table = snapshot.RouteConfigurations.Single(r => r.Name == chain.Http!.RouteConfigName);
        table.VirtualHosts.Single().Domains.Should().Equal("edition.cnn.test", "edition.cnn.test:443");
        table.VirtualHosts.Single().Routes.Single().Forward!.Clusters.Single().Name.Should().Be("outbound|80||edition.cnn.test");
    }

    [Fact]
    public void The_sidecar_reaches_the_gateway_subset_with_istio_mutual_and_the_rules_sni()
    {
        var snapshot = Build(HttpTask, Sleep);

        var cluster = snapshot.Clusters.Single(c => c.Name == "outbound|443|cnn|istio-egressgateway.istio-system.svc.cluster.local");
        cluster.Tls!.Mode.Should().Be(TlsMode.IstioMutual);
        cluster.Tls.Auto.Should().BeFalse();
        cluster.Tls.Sni.Should().Be("edition.cnn.test");
        cluster.Tls.SubjectAltNames.Should().Equal("spiffe://cluster.local/ns/istio-system/sa/istio-egressgateway");
    }

    [Fact]
    public void An_istio_mutual_tls_server_relays_the_decrypted_bytes_by_the_tcp_route_bound_to_its_host()
    {
        var snapshot = Build(GatewayService + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: {name: mongo, namespace: default}
            spec:
              hosts: [my-mongo.tcp.test]
              ports: [{number: 27017, name: tcp, protocol: TCP}]
              resolution: DNS
              endpoints: [{address: 127.31.0.91}]
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: istio-egressgateway, namespace: default}
            spec:
              selector: {istio: egressgateway}
              servers:
              - port: {number: 443, name: tls, protocol: TLS}
                hosts: [my-mongo.tcp.test]
                tls: {mode: ISTIO_MUTUAL}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: unrelated, namespace: default}
            spec:
              hosts: [other.tcp.test]
              gateways: [istio-egressgateway]
              tcp:
              - route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, port: {number: 80}}}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: direct-mongo-through-egress-gateway, namespace: default}
            spec:
              hosts: [my-mongo.tcp.test]
              gateways: [mesh, istio-egressgateway]
              tcp:
              - match: [{gateways: [mesh], port: 27017}]
                route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local, port: {number: 443}}}]
              - match: [{gateways: [istio-egressgateway], port: 443}]
                route: [{destination: {host: my-mongo.tcp.test, port: {number: 27017}}, weight: 100}]
            """, EgressGateway);

        var chain = snapshot.Listeners.Single(l => l.Port == 443).FilterChains.Single();
        chain.Name.Should().Be("tls.443.tls.default/istio-egressgateway");
        chain.Match.ServerNames.Should().Equal("my-mongo.tcp.test");
        chain.Http.Should().BeNull();
        chain.Tcp!.Clusters.Select(c => c.Name).Should().Equal(["outbound|27017||my-mongo.tcp.test"], "the route set of another host does not serve this server");
        chain.Tls!.WorkloadCertificate.Should().BeTrue();
        chain.Tls.AlpnProtocols.Should().BeEmpty("relayed bytes are not HTTP");
    }

    [Fact]
    public void A_terminating_tls_server_without_a_tcp_route_serves_nothing()
    {
        var snapshot = Build(GatewayService + """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: istio-egressgateway, namespace: default}
            spec:
              selector: {istio: egressgateway}
              servers:
              - port: {number: 443, name: tls, protocol: TLS}
                hosts: [my-mongo.tcp.test]
                tls: {mode: ISTIO_MUTUAL}
            """, EgressGateway);

        snapshot.Listeners.Should().NotContain(l => l.Port == 443);
    }

    [Fact]
    public void A_simple_server_keeps_its_secret_and_its_json_does_not_mention_the_workload_certificate()
    {
        var simple = Build(HttpTask.Replace("tls: {mode: ISTIO_MUTUAL}", "tls: {mode: SIMPLE, credentialName: cnn}", StringComparison.Ordinal) + """

            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: cnn, namespace: istio-system}
            type: kubernetes.io/tls
            stringData: {tls.crt: CERT, tls.key: KEY}
            """, EgressGateway);

        var tls = simple.Listeners.Single(l => l.Port == 443).FilterChains.Single().Tls!;
        tls.WorkloadCertificate.Should().BeFalse();
        tls.CertificateSecret!.Name.Should().Be("istio-system/cnn");
        Weft.Discovery.Codec.SnapshotCodec.EncodeIndented(simple).Should().NotContain("workloadCertificate");
        Weft.Discovery.Codec.SnapshotCodec.EncodeIndented(Build(HttpTask, EgressGateway)).Should().Contain("\"workloadCertificate\": true");
    }
}
