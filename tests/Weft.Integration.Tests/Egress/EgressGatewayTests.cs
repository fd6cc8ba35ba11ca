using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// Istio's "Egress Gateways" task, its manifests unchanged but for the host: an egress gateway
/// started with `weft gateway run istio-egressgateway -n istio-system --labels istio=egressgateway`,
/// an Istio Gateway on it for the external host, and the two-hop VirtualService (`mesh` routes to
/// the gateway's service, `istio-egressgateway` routes to the external host) carry a sidecar's
/// call out through the gateway: the external server sees the gateway as its client.
/// </summary>
public sealed class EgressGatewayTests
{
    [Fact]
    public async Task A_sidecar_call_to_an_external_host_leaves_through_the_egress_gateway()
    {
        await using var mesh = await EgressMesh.StartAsync();
        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        var external = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        var cnn = mesh.Server("cnn", external, 80);
        await mesh.ApplyAsync("egress.yaml", $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: cnn
            spec:
              hosts:
              - edition.cnn.test
              ports:
              - number: 80
                name: http-port
                protocol: HTTP
              - number: 443
                name: https
                protocol: HTTPS
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
                  number: 80
                  name: http
                  protocol: HTTP
                hosts:
                - edition.cnn.test
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
              - istio-egressgateway
              - mesh
              http:
              - match:
                - gateways:
                  - mesh
                  port: 80
                route:
                - destination:
                    host: istio-egressgateway.istio-system.svc.cluster.local
                    subset: cnn
                    port:
                      number: 80
                  weight: 100
              - match:
                - gateways:
                  - istio-egressgateway
                  port: 80
                route:
                - destination:
                    host: edition.cnn.test
                    port:
                      number: 80
                  weight: 100
            """);
        var started = await mesh.Lab.RunGatewayAsync("istio-egressgateway", "istio-system", gateway, "--labels", "istio=egressgateway", "--port", "80", "--port", "443");
        started.StdOut.Should().Contain($"Gateway istio-system/istio-egressgateway is serving on {gateway}");

        var answer = await mesh.CurlUntilAsync("http://edition.cnn.test/politics", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "the call to leave through the egress gateway");
        answer.StdOut.Should().EndWith($"cnn client={gateway} sni=none", "the external server's client is the egress gateway");
        cnn.Requests.Last().Head.Should().StartWith("GET /politics HTTP/1.1").And.Contain("Host: edition.cnn.test");

        // The gateway's own log shows the second hop (Envoy's access log line, upstream cluster named);
        // its writer runs behind the response, so the line may land a moment after curl's answer.
        var log = await Poll.FileContainsAsync(Path.Combine(mesh.Lab.Cli.Home, ".weft", "gateways", "istio-system", "istio-egressgateway", "proxy.log"),
            "\"GET /politics HTTP/1.1\" 200", TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        log.Should().Contain("\"GET /politics HTTP/1.1\" 200").And.Contain("outbound|80||edition.cnn.test");
        // `weft gateway run` registered the gateway's Service, which the mesh hop routes to.
        (await mesh.Lab.Cli.MustAsync("get", "services", "-n", "istio-system")).StdOut.Should().Contain("istio-egressgateway");
    }
}
