using System.Security.Cryptography.X509Certificates;
using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// Istio's egress gateway tasks with mesh mTLS on the hop from the sidecar to the gateway: a
/// Gateway server with <c>tls.mode: ISTIO_MUTUAL</c>, a DestinationRule subset for the gateway's
/// service with <c>tls.mode: ISTIO_MUTUAL</c> and <c>sni</c>, and the two-hop VirtualService.
/// The sidecar (with a workload certificate for default/sleep) reaches the gateway over mutual
/// TLS, the gateway terminates it with its own workload certificate, checks that the client chains
/// to the mesh root, then forwards to the external host. Over HTTP (the "egress gateway with mTLS"
/// variant) and over TCP (the MongoDB task: TLS server, tcp routes).
/// </summary>
public sealed class EgressGatewayMutualTlsTests
{
    private const string GatewayIdentity = "spiffe://cluster.local/ns/istio-system/sa/istio-egressgateway";
    private const string SleepIdentity = "spiffe://cluster.local/ns/default/sa/sleep";

    [Fact]
    public async Task An_http_call_reaches_the_egress_gateway_over_mutual_tls_and_the_gateway_knows_the_sidecar()
    {
        await using var mesh = await EgressMesh.StartAsync(serviceAccount: "sleep");
        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        var external = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        var cnn = mesh.Server("cnn", external, 80);
        await mesh.ApplyAsync("egress-mtls.yaml", $$"""
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
                  number: 443
                  name: https
                  protocol: HTTPS
                hosts:
                - edition.cnn.test
                tls:
                  mode: ISTIO_MUTUAL
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: egressgateway-for-cnn
            spec:
              host: istio-egressgateway.istio-system.svc.cluster.local
              subsets:
              - name: cnn
                trafficPolicy:
                  loadBalancer:
                    simple: ROUND_ROBIN
                  portLevelSettings:
                  - port:
                      number: 443
                    tls:
                      mode: ISTIO_MUTUAL
                      sni: edition.cnn.test
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
                      number: 443
                  weight: 100
              - match:
                - gateways:
                  - istio-egressgateway
                  port: 443
                route:
                - destination:
                    host: edition.cnn.test
                    port:
                      number: 80
                  weight: 100
            """);
        await mesh.Lab.RunGatewayAsync("istio-egressgateway", "istio-system", gateway, "--labels", "istio=egressgateway", "--port", "80", "--port", "443");

        var answer = await mesh.CurlUntilAsync("http://edition.cnn.test/politics", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "the call to leave through the egress gateway over mTLS");
        answer.StdOut.Should().EndWith($"cnn client={gateway} sni=none", "the gateway forwarded the call");
        cnn.Requests.Last().Head.Should().StartWith("GET /politics HTTP/1.1").And.Contain("Host: edition.cnn.test");

        // The sidecar's hop was mesh TLS: it proved the gateway's identity (destination_principal is set only then).
        var metrics = await Poll.UntilAsync(mesh.MetricsAsync, m => m.Contains("istio_requests_total{", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        metrics.Split('\n').Should().Contain(l => l.StartsWith("istio_requests_total{", StringComparison.Ordinal)
            && l.Contains("destination_service=\"istio-egressgateway.istio-system.svc.cluster.local\"", StringComparison.Ordinal)
            && l.Contains($"source_principal=\"{SleepIdentity}\"", StringComparison.Ordinal)
            && l.Contains($"destination_principal=\"{GatewayIdentity}\"", StringComparison.Ordinal));

        // The gateway knows who called: an AuthorizationPolicy on it by the sidecar's principal decides.
        await mesh.ApplyAsync("egress-authz.yaml", Policy("cluster.local/ns/default/sa/sleep"));
        (await mesh.CurlAsync("http://edition.cnn.test/politics")).StdOut.Should().Contain(" 200 ");
        await mesh.ApplyAsync("egress-authz.yaml", Policy("cluster.local/ns/default/sa/someone-else"));
        var denied = await mesh.CurlUntilAsync("http://edition.cnn.test/politics", r => r.StdOut.Contains(" 403 ", StringComparison.Ordinal), "the gateway to deny the sleep principal");
        denied.StdOut.Should().EndWith("RBAC: access denied");

        // Nothing but a mesh workload gets through the gateway's port: plaintext, TLS without a
        // client certificate, and a certificate from another CA are all refused.
        var plaintext = await Run.CommandAsync("curl", ["-s", "-i", "--max-time", "5", "-H", "Host: edition.cnn.test", $"http://{gateway}:443/politics"], null, null, TimeSpan.FromSeconds(15));
        plaintext.ExitCode.Should().NotBe(0, "a plaintext request gets no answer: {0}", plaintext.Output);
        plaintext.StdOut.Should().BeEmpty();
        var resolve = $"edition.cnn.test:443:{gateway}";
        var anonymous = await Run.CommandAsync("curl", ["-s", "-k", "-i", "--max-time", "5", "--resolve", resolve, "https://edition.cnn.test/politics"], null, null, TimeSpan.FromSeconds(15));
        anonymous.ExitCode.Should().NotBe(0, "a TLS client without a certificate is refused: {0}", anonymous.Output);
        anonymous.StdOut.Should().BeEmpty();
        using var foreign = new TestCa("not-the-mesh");
        using var impostor = foreign.Issue("sleep.default.test");
        var certFile = mesh.Lab.Cli.Files.Write("impostor.crt", impostor.ExportCertificatePem());
        var keyFile = mesh.Lab.Cli.Files.Write("impostor.key", impostor.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var outsider = await Run.CommandAsync("curl", ["-s", "-k", "-i", "--max-time", "5", "--resolve", resolve, "--cert", certFile, "--key", keyFile, "https://edition.cnn.test/politics"], null, null, TimeSpan.FromSeconds(15));
        outsider.ExitCode.Should().NotBe(0, "a certificate the mesh root does not vouch for is refused: {0}", outsider.Output);
        outsider.StdOut.Should().BeEmpty();
        var log = Path.Combine(mesh.Lab.Cli.Home, ".weft", "gateways", "istio-system", "istio-egressgateway", "proxy.log");
        await Poll.FileContainsAsync(log, "Refused a mesh TLS peer: the peer presented no certificate", TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_tcp_connection_reaches_the_egress_gateway_over_mutual_tls_and_leaves_from_the_gateway()
    {
        await using var mesh = await EgressMesh.StartAsync(serviceAccount: "sleep");
        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        var external = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        var mongo = mesh.Server("mongo", external, 27017);
        await mesh.ApplyAsync("egress-mongo.yaml", $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: mongo
            spec:
              hosts:
              - my-mongo.tcp.test
              ports:
              - number: 27017
                name: tcp
                protocol: TCP
              location: MESH_EXTERNAL
              resolution: STATIC
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
                - my-mongo.tcp.test
                tls:
                  mode: ISTIO_MUTUAL
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: egressgateway-for-mongo
            spec:
              host: istio-egressgateway.istio-system.svc.cluster.local
              subsets:
              - name: mongo
                trafficPolicy:
                  loadBalancer:
                    simple: ROUND_ROBIN
                  portLevelSettings:
                  - port:
                      number: 443
                    tls:
                      mode: ISTIO_MUTUAL
                      sni: my-mongo.tcp.test
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: direct-mongo-through-egress-gateway
            spec:
              hosts:
              - my-mongo.tcp.test
              gateways:
              - mesh
              - istio-egressgateway
              tcp:
              - match:
                - gateways:
                  - mesh
                  port: 27017
                route:
                - destination:
                    host: istio-egressgateway.istio-system.svc.cluster.local
                    subset: mongo
                    port:
                      number: 443
              - match:
                - gateways:
                  - istio-egressgateway
                  port: 443
                route:
                - destination:
                    host: my-mongo.tcp.test
                    port:
                      number: 27017
                  weight: 100
            """);
        await mesh.Lab.RunGatewayAsync("istio-egressgateway", "istio-system", gateway, "--labels", "istio=egressgateway", "--port", "80", "--port", "443");

        // curl tunnels through the sidecar (CONNECT my-mongo.tcp.test:27017) and speaks plain bytes
        // inside; the sidecar wraps them in mesh TLS to the gateway, which relays them on.
        var answer = await mesh.CurlUntilAsync("http://my-mongo.tcp.test:27017/find", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal),
            "the TCP connection to leave through the egress gateway over mTLS", "--proxytunnel");
        answer.StdOut.Should().EndWith($"mongo client={gateway} sni=none", "the gateway relayed the connection from its own address");
        mongo.Requests.Last().Head.Should().StartWith("GET /find HTTP/1.1");

        var sidecar = await Poll.UntilAsync(mesh.MetricsAsync, m => m.Contains("istio_tcp_connections_closed_total{", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        sidecar.Split('\n').Should().Contain(l => l.StartsWith("istio_tcp_connections_opened_total{", StringComparison.Ordinal)
            && l.Contains($"source_principal=\"{SleepIdentity}\"", StringComparison.Ordinal)
            && l.Contains($"destination_principal=\"{GatewayIdentity}\"", StringComparison.Ordinal));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var stats = await Poll.UntilAsync(() => http.GetStringAsync($"http://{gateway}:15090/stats/prometheus", TestContext.Current.CancellationToken),
            m => m.Contains("destination_service=\"my-mongo.tcp.test\"", StringComparison.Ordinal), TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        stats.Split('\n').Should().Contain(l => l.StartsWith("istio_tcp_connections_opened_total{", StringComparison.Ordinal)
            && l.Contains("destination_service=\"my-mongo.tcp.test\"", StringComparison.Ordinal));

        // The gateway's port takes mesh TLS only.
        var served = mongo.Requests.Count;
        var plaintext = await Run.CommandAsync("curl", ["-s", "-i", "--max-time", "5", $"http://{gateway}:443/find"], null, null, TimeSpan.FromSeconds(15));
        plaintext.ExitCode.Should().NotBe(0, "plain bytes get no relay: {0}", plaintext.Output);
        var anonymous = await Run.CommandAsync("curl", ["-s", "-k", "-i", "--max-time", "5", "--resolve", $"my-mongo.tcp.test:443:{gateway}", "https://my-mongo.tcp.test/find"], null, null, TimeSpan.FromSeconds(15));
        anonymous.ExitCode.Should().NotBe(0, "a TLS client without a mesh certificate is refused: {0}", anonymous.Output);
        mongo.Requests.Count.Should().Be(served, "nothing reached the external server past the refusals");
    }

    [Fact]
    public async Task The_egress_gateway_originates_tls_to_the_external_host_for_a_call_that_reached_it_over_mutual_tls()
    {
        // Istio's "Egress Gateways with TLS Origination": ISTIO_MUTUAL on the gateway's port 80 (protocol HTTPS),
        // and a DestinationRule SIMPLE on the external host's port 443 that the gateway's route targets.
        await using var mesh = await EgressMesh.StartAsync(serviceAccount: "sleep");
        await mesh.OutboundPolicyAsync("REGISTRY_ONLY");
        using var ca = new TestCa();
        var caFile = mesh.Lab.Cli.Files.Write("cnn-ca.crt", ca.RootPem);
        var external = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        var cnn = mesh.Server("cnn", external, 443, ca.Issue("edition.cnn.test"));
        await mesh.ApplyAsync("egress-origination.yaml", $$"""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata:
              name: cnn
            spec:
              hosts:
              - edition.cnn.test
              ports:
              - number: 80
                name: http
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
                  name: https-port-for-tls-origination
                  protocol: HTTPS
                hosts:
                - edition.cnn.test
                tls:
                  mode: ISTIO_MUTUAL
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: egressgateway-for-cnn
            spec:
              host: istio-egressgateway.istio-system.svc.cluster.local
              subsets:
              - name: cnn
                trafficPolicy:
                  loadBalancer:
                    simple: ROUND_ROBIN
                  portLevelSettings:
                  - port:
                      number: 80
                    tls:
                      mode: ISTIO_MUTUAL
                      sni: edition.cnn.test
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
                      number: 443
                  weight: 100
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: originate-tls-for-edition-cnn-com
            spec:
              host: edition.cnn.test
              trafficPolicy:
                loadBalancer:
                  simple: ROUND_ROBIN
                portLevelSettings:
                - port:
                    number: 443
                  tls:
                    mode: SIMPLE
                    caCertificates: {{caFile}}
            """);
        await mesh.Lab.RunGatewayAsync("istio-egressgateway", "istio-system", gateway, "--labels", "istio=egressgateway", "--port", "80", "--port", "443");

        Run.Result answer;
        try
        {
            answer = await mesh.CurlUntilAsync("http://edition.cnn.test/politics", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal),
                "the call to leave through the egress gateway as HTTPS");
        }
        catch (TimeoutException e)
        {
            var log = Path.Combine(mesh.Lab.Cli.Home, ".weft", "gateways", "istio-system", "istio-egressgateway", "proxy.log");
            var text = File.Exists(log) ? await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken) : "(no gateway log)";
            throw new TimeoutException($"{e.Message}\nthe gateway's log:\n{text[^Math.Min(text.Length, 4000)..]}", e);
        }
        answer.StdOut.Should().EndWith($"cnn client={gateway} sni=edition.cnn.test", "the gateway, not the sidecar, spoke TLS to the external host");
        cnn.Requests.Last().Head.Should().StartWith("GET /politics HTTP/1.1").And.Contain("Host: edition.cnn.test");
        var metrics = await Poll.UntilAsync(mesh.MetricsAsync, m => m.Contains("istio_requests_total{", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        metrics.Split('\n').Should().Contain(l => l.StartsWith("istio_requests_total{", StringComparison.Ordinal)
            && l.Contains($"destination_principal=\"{GatewayIdentity}\"", StringComparison.Ordinal), "the sidecar's hop to the gateway was mesh mTLS");

        // The gateway's port 80 takes mesh TLS only: a plaintext HTTP client gets nothing.
        var plaintext = await Run.CommandAsync("curl", ["-s", "-i", "--max-time", "5", "-H", "Host: edition.cnn.test", $"http://{gateway}/politics"], null, null, TimeSpan.FromSeconds(15));
        plaintext.ExitCode.Should().NotBe(0, "plaintext on an ISTIO_MUTUAL port is refused: {0}", plaintext.Output);
        plaintext.StdOut.Should().BeEmpty();
    }

    private static string Policy(string principal) => $$"""
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: allow-sleep-only
          namespace: istio-system
        spec:
          selector:
            matchLabels:
              istio: egressgateway
          action: ALLOW
          rules:
          - from:
            - source:
                principals: ["{{principal}}"]
        """;
}
