using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// Istio's "Egress Gateways" task for TLS (HTTPS traffic passed through): the application speaks
/// TLS itself, the sidecar routes its connection by SNI to the egress gateway, whose PASSTHROUGH
/// server routes it by SNI to the external host, never decrypting it. The external server sees the
/// gateway's address as its client, and the application sees the external server's certificate.
/// </summary>
public sealed class EgressTlsPassthroughTests
{
    [Fact]
    public async Task A_tls_connection_leaves_through_the_egress_gateway_by_sni_and_the_server_sees_the_gateway()
    {
        await using var mesh = await EgressMesh.StartAsync();
        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        using var ca = new TestCa();
        var caFile = mesh.Lab.Cli.Files.Write("ca.crt", ca.RootPem);
        var external = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        var cnn = mesh.Server("cnn", external, 443, ca.Issue("edition.cnn.test"));
        await mesh.ApplyAsync("egress-tls.yaml", $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: cnn
            spec:
              hosts:
              - edition.cnn.test
              ports:
              - number: 443
                name: tls
                protocol: TLS
              resolution: DNS
              endpoints:
              - address: {{external}}
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata:
              name: istio-egressgateway
            spec:
              selector:
                istio: egressgateway
              servers:
              - port:
                  number: 443
                  name: tls
                  protocol: TLS
                hosts:
                - edition.cnn.test
                tls:
                  mode: PASSTHROUGH
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: egressgateway-for-cnn
            spec:
              host: istio-egressgateway.istio-system.svc.cluster.local
              subsets:
              - name: cnn
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: direct-cnn-through-egress-gateway
            spec:
              hosts:
              - edition.cnn.test
              gateways:
              - mesh
              - istio-egressgateway
              tls:
              - match:
                - gateways:
                  - mesh
                  port: 443
                  sniHosts:
                  - edition.cnn.test
                route:
                - destination:
                    host: istio-egressgateway.istio-system.svc.cluster.local
                    subset: cnn
                    port:
                      number: 443
              - match:
                - gateways:
                  - istio-egressgateway
                  port: 443
                  sniHosts:
                  - edition.cnn.test
                route:
                - destination:
                    host: edition.cnn.test
                    port:
                      number: 443
                  weight: 100
            """);
        var started = await mesh.Lab.RunGatewayAsync("istio-egressgateway", "istio-system", gateway, "--labels", "istio=egressgateway", "--port", "80", "--port", "443");
        started.StdOut.Should().Contain($"Gateway istio-system/istio-egressgateway is serving on {gateway}");

        // curl tunnels https through the sidecar (CONNECT edition.cnn.test:443) and verifies the
        // external server's certificate itself: the TLS is the application's, end to end.
        var answer = await mesh.CurlUntilAsync("https://edition.cnn.test/politics", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal),
            "the TLS connection to leave through the egress gateway", "--cacert", caFile);
        answer.StdOut.Should().EndWith($"cnn client={gateway} sni=edition.cnn.test", "the external server's client is the egress gateway");
        cnn.Requests.Last().Head.Should().StartWith("GET /politics HTTP/1.1").And.Contain("Host: edition.cnn.test");

        // The gateway relayed it as TCP on its passthrough chain to the external host's cluster.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var stats = await Poll.UntilAsync(() => http.GetStringAsync($"http://{gateway}:15090/stats/prometheus", TestContext.Current.CancellationToken),
            m => m.Contains("destination_service=\"edition.cnn.test\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        stats.Split('\n').Should().Contain(l => l.StartsWith("istio_tcp_connections_opened_total{", StringComparison.Ordinal)
            && l.Contains("destination_service=\"edition.cnn.test\"", StringComparison.Ordinal));
    }
}
