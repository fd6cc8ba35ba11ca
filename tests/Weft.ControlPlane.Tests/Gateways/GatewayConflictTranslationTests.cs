using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Gateways;

/// <summary>
/// Two Gateways on one gateway proxy that serve the same host on the same port (what IST0145
/// reports): the first by creation time wins, as Istio's MergeGateways. Over HTTPS the newer
/// server's SNI name is not served again; over HTTP the older Gateway's routes come first.
/// </summary>
public sealed class GatewayConflictTranslationTests
{
    private static readonly HashSet<string> NoSidecars = [];

    private static NodeInfo Ingress => TranslationFixture.Node("istio-ingressgateway", "istio-system", "127.32.0.100", "istio=ingressgateway") with { Mode = ProxyMode.Gateway };

    private static ProxySnapshot Build(string yaml)
    {
        var snapshot = SnapshotBuilder.Build(TranslationFixture.Push(yaml), Ingress, NoSidecars);
        SnapshotValidator.Validate(snapshot).Should().BeEmpty("the proxy must accept what translation builds");
        return snapshot;
    }

    private static string Backend(string name, string address) => $$$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{{name}}}, namespace: shop}
        spec: {selector: {app: {{{name}}}}, ports: [{name: http, port: 8080}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: {{{name}}}, namespace: shop}
        spec: {address: {{{address}}}, labels: {app: {{{name}}}}}
        ---

        """;

    private static string Secret(string name) => $$$"""
        apiVersion: v1
        kind: Secret
        metadata: {name: {{{name}}}, namespace: istio-system}
        type: kubernetes.io/tls
        stringData: {tls.crt: "{{{name}}} certificate", tls.key: "{{{name}}} key"}
        ---

        """;

    /// <summary>A Gateway and the VirtualService bound to it; the documents' order is their creation order.</summary>
    private static string GatewayWithRoute(string name, string backend, int port, string protocol, string? credential = null)
    {
        var tls = credential is null ? "" : "    tls: {mode: SIMPLE, credentialName: " + credential + "}";
        return $$$"""
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: {{{port}}}, name: p{{{port}}}, protocol: {{{protocol}}}}
            hosts: [shop.example.com]
        {{{tls}}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: {{{name}}}, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [{{{name}}}]
          http: [{route: [{destination: {host: {{{backend}}}}}]}]
        ---

        """;
    }

    [Fact]
    public void Over_https_the_older_gateway_keeps_the_sni_name_and_the_newer_server_gets_no_chain()
    {
        var snapshot = Build(Backend("old", "127.32.0.1") + Backend("new", "127.32.0.2") + Secret("old-cert") + Secret("new-cert")
            + GatewayWithRoute("first", "old", 443, "HTTPS", "old-cert") + GatewayWithRoute("second", "new", 443, "HTTPS", "new-cert"));

        var chain = snapshot.Listeners.Single(l => l.Port == 443).FilterChains.Single();
        chain.Match!.ServerNames.Should().Equal("shop.example.com");
        chain.Tls!.CertificateSecret!.Name.Should().Be("istio-system/old-cert", "the chain names the older server's Secret (its keys are fetched by the proxy)");
        snapshot.RouteConfigurations.Single(r => r.Name == chain.Http!.RouteConfigName).VirtualHosts.Single()
            .Routes.Single().Forward!.Clusters.Single().Name.Should().Be("outbound|8080||old.shop.svc.cluster.local");
    }

    [Fact]
    public void Over_http_the_older_gateways_routes_come_first_even_when_the_newer_gateways_virtual_service_is_older()
    {
        // The newer Gateway's VirtualService is applied first: the order that decides is the Gateways'.
        const string newerVirtualServiceFirst = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: second, namespace: shop}
            spec:
              hosts: [shop.example.com]
              gateways: [second]
              http: [{route: [{destination: {host: new}}]}]
            ---

            """;
        var first = GatewayWithRoute("first", "old", 80, "HTTP");
        var second = GatewayWithRoute("second", "new", 80, "HTTP");
        var secondGatewayOnly = second[..second.IndexOf("apiVersion: networking.istio.io/v1\nkind: VirtualService", StringComparison.Ordinal)];
        var snapshot = Build(Backend("old", "127.32.0.1") + Backend("new", "127.32.0.2") + newerVirtualServiceFirst + first + secondGatewayOnly);

        var host = snapshot.RouteConfigurations.Single(r => r.Name == "http.80").VirtualHosts.Single(v => v.Domains.Contains("shop.example.com"));
        host.Routes.Select(r => r.Forward!.Clusters.Single().Name).Should().Equal(
            "outbound|8080||old.shop.svc.cluster.local", "outbound|8080||new.shop.svc.cluster.local");
    }
}
