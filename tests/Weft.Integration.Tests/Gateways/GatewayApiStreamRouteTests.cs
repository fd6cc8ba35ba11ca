using System.Security.Cryptography.X509Certificates;
using Weft.Integration.Tests.Egress;
using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// The Gateway API's L4 routes and TLS listeners with real traffic, as Istio supports them: a TCP
/// listener relaying a TCPRoute to its backend Service (also behind a TLS listener that terminates
/// with its certificateRefs), a TLS Passthrough listener routing TLSRoutes by SNI hostname to
/// backends that terminate TLS themselves, and an HTTPS listener whose
/// certificateRefs name a kubernetes.io/tls Secret in another namespace, served only once a
/// ReferenceGrant allows it. The gateway is `weft gateway run NAME-istio --for-gateway NAME`.
/// </summary>
public sealed class GatewayApiStreamRouteTests
{
    [Fact]
    public async Task A_tcp_route_relays_its_listener_and_tls_routes_pass_each_sni_through_to_its_own_backend()
    {
        await using var lab = await GatewayLab.StartAsync();
        using var ca = new TestCa("weft-gateway-api-backends");
        var caFile = lab.Cli.Files.Write("backends-ca.crt", ca.RootPem);
        var gateway = Net.UniqueLoopback();
        var (echo, alpha, beta) = (Net.UniqueLoopback(), Net.UniqueLoopback(), Net.UniqueLoopback());
        lab.Backend("tcp-echo", echo, 9000);
        await using var alphaServer = ExternalServer.Start("alpha", alpha, 8443, ca.Issue("alpha.example.test"));
        await using var betaServer = ExternalServer.Start("beta", beta, 8443, ca.Issue("beta.example.test"));
        using var echoCertificate = ca.Issue("echo.example.test");
        await lab.ApplyAsync("edge.yaml", $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge, namespace: edge}
            spec:
              gatewayClassName: istio
              listeners:
              - name: tcp
                port: 9000
                protocol: TCP
                allowedRoutes: {kinds: [{kind: TCPRoute}]}
              - name: tls
                port: 8443
                protocol: TLS
                tls: {mode: Passthrough}
                allowedRoutes: {kinds: [{kind: TLSRoute}]}
              - name: tls-terminate
                port: 9443
                protocol: TLS
                hostname: echo.example.test
                tls:
                  mode: Terminate
                  certificateRefs: [{name: echo-cert}]
                allowedRoutes: {kinds: [{kind: TCPRoute}]}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: echo-cert, namespace: edge}
            type: kubernetes.io/tls
            stringData:
              tls.crt: |
            {{Indented(echoCertificate.ExportCertificatePem())}}
              tls.key: |
            {{Indented(echoCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem())}}
            ---
            {{Backend("tcp-echo", echo, "tcp", 9000)}}
            ---
            {{Backend("alpha", alpha, "tls", 8443)}}
            ---
            {{Backend("beta", beta, "tls", 8443)}}
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TCPRoute
            metadata: {name: tcp-echo, namespace: edge}
            spec:
              parentRefs: [{name: edge, sectionName: tcp}, {name: edge, sectionName: tls-terminate}]
              rules:
              - backendRefs: [{name: tcp-echo, port: 9000}]
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TLSRoute
            metadata: {name: alpha, namespace: edge}
            spec:
              parentRefs: [{name: edge, sectionName: tls}]
              hostnames: [alpha.example.test]
              rules:
              - backendRefs: [{name: alpha, port: 8443}]
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TLSRoute
            metadata: {name: beta, namespace: edge}
            spec:
              parentRefs: [{name: edge, sectionName: tls}]
              hostnames: [beta.example.test]
              rules:
              - backendRefs: [{name: beta, port: 8443}]
            """);
        await lab.RunGatewayAsync("edge-istio", "edge", gateway, "--for-gateway", "edge");

        // TCP: the bytes (an HTTP request here) reach the backend Service untouched.
        var tcp = await lab.CurlUntilAsync($"http://{gateway}:9000/anything", "tcp-echo.example.test",
            r => r.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), "the TCP listener to relay to the TCPRoute's backend");
        tcp.StdOut.Should().EndWith("tcp-echo");
        lab.Backends[0].Heads.Last().Should().Contain("Host: tcp-echo.example.test", "a TCP relay does not rewrite what it carries");

        // A TLS listener that terminates: the gateway's certificate for its hostname, then the TCPRoute's relay of the decrypted bytes.
        var terminated = await lab.CurlUntilAsync("https://echo.example.test:9443/anything", "echo.example.test",
            r => r.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), "the TLS listener to terminate and relay to the TCPRoute's backend",
            "--cacert", caFile, "--resolve", $"echo.example.test:9443:{gateway}");
        terminated.StdOut.Should().EndWith("tcp-echo");

        // TLS passthrough: each SNI reaches its own backend, whose certificate the client verifies itself.
        foreach (var (name, server) in new[] { ("alpha", alphaServer), ("beta", betaServer) })
        {
            var host = $"{name}.example.test";
            var answer = await lab.CurlUntilAsync($"https://{host}:8443/orders", host, r => r.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal),
                $"the TLSRoute for {host}", "--cacert", caFile, "--resolve", $"{host}:8443:{gateway}");
            answer.StdOut.Should().EndWith($"{name} client={gateway} sni={host}", "the gateway passed the TLS through by SNI without decrypting it");
            server.Requests.Last().Head.Should().StartWith("GET /orders HTTP/1.1");
        }
        // An SNI no TLSRoute names has no chain: the connection is closed.
        var unrouted = await Run.CommandAsync("curl", ["-s", "-i", "--max-time", "5", "--cacert", caFile, "--resolve", $"gamma.example.test:8443:{gateway}", "https://gamma.example.test:8443/"],
            null, null, TimeSpan.FromSeconds(15));
        unrouted.ExitCode.Should().NotBe(0, "no TLSRoute names gamma.example.test: {0}", unrouted.Output);
        unrouted.StdOut.Should().BeEmpty();

        // The routes' status says they attached.
        foreach (var (kind, name) in new[] { ("tcproute", "tcp-echo"), ("tlsroute", "alpha") })
        {
            var status = await lab.Cli.UntilAsync(["get", kind, name, "-n", "edge", "-o", "yaml"],
                r => r.StdOut.Contains("reason: ResolvedRefs", StringComparison.Ordinal), $"the {kind}'s status");
            status.StdOut.Should().Contain("controllerName: istio.io/gateway-controller").And.Contain("""
                    - type: Accepted
                      status: "True"
                      reason: Accepted
                      message: Route was valid
                """.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public async Task An_https_listener_serves_a_secret_of_another_namespace_only_once_a_reference_grant_allows_it()
    {
        await using var lab = await GatewayLab.StartAsync();
        using var ca = new TestCa("weft-gateway-api-listener");
        var caFile = lab.Cli.Files.Write("listener-ca.crt", ca.RootPem);
        using var certificate = ca.Issue("secure.example.test");
        var gateway = Net.UniqueLoopback();
        var web = Net.UniqueLoopback();
        lab.Backend("web", web, 8080);
        await lab.ApplyAsync("secure.yaml", $$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: secure-cert, namespace: certs}
            type: kubernetes.io/tls
            stringData:
              tls.crt: |
            {{Indented(certificate.ExportCertificatePem())}}
              tls.key: |
            {{Indented(certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem())}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: secure, namespace: edge}
            spec:
              gatewayClassName: istio
              listeners:
              - name: https
                port: 443
                protocol: HTTPS
                hostname: secure.example.test
                tls:
                  mode: Terminate
                  certificateRefs: [{kind: Secret, name: secure-cert, namespace: certs}]
            ---
            {{Backend("web", web, "http", 8080)}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: edge}
            spec:
              parentRefs: [{name: secure}]
              rules:
              - backendRefs: [{name: web, port: 8080}]
            """);
        await lab.RunGatewayAsync("secure-istio", "edge", gateway, "--for-gateway", "secure");

        // No ReferenceGrant in certs: the listener cannot use the Secret, says so, and serves nothing.
        var refused = await lab.Cli.UntilAsync(["get", "gateway.gateway.networking.k8s.io", "secure", "-n", "edge", "-o", "yaml"],
            r => r.StdOut.Contains("reason: RefNotPermitted", StringComparison.Ordinal), "the listener's RefNotPermitted condition");
        refused.StdOut.Should().Contain("""
                - type: ResolvedRefs
                  status: "False"
                  reason: RefNotPermitted
                  message: certificateRef certs/secure-cert not accessible to a Gateway in namespace "edge" (missing a ReferenceGrant?)
            """.ReplaceLineEndings("\n"));
        var resolve = $"secure.example.test:443:{gateway}";
        var before = await Run.CommandAsync("curl", ["-s", "-i", "--max-time", "5", "--cacert", caFile, "--resolve", resolve, "https://secure.example.test/"], null, null, TimeSpan.FromSeconds(15));
        before.ExitCode.Should().NotBe(0, "nothing is served without the grant: {0}", before.Output);
        lab.Backends[0].Requests.Should().Be(0);

        await lab.ApplyAsync("grant.yaml", """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: edge-gateways-read-certs, namespace: certs}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: edge}]
              to: [{group: "", kind: Secret}]
            """);
        var answer = await lab.CurlUntilAsync("https://secure.example.test/orders", "secure.example.test",
            r => r.StdOut.StartsWith("HTTP/2 200", StringComparison.Ordinal), "the listener to serve with the granted Secret (ALPN h2)", "--cacert", caFile, "--resolve", resolve);
        answer.StdOut.Should().EndWith("web");
        var openssl = await Run.CommandAsync("openssl", ["s_client", "-connect", $"{gateway}:443", "-servername", "secure.example.test", "-brief", "-CAfile", caFile],
            null, "", TimeSpan.FromSeconds(30));
        openssl.Output.Should().Contain("Peer certificate: CN = secure.example.test").And.Contain("Verification: OK");
        var programmed = await lab.Cli.UntilAsync(["get", "gateway.gateway.networking.k8s.io", "secure", "-n", "edge", "-o", "yaml"],
            r => !r.StdOut.Contains("RefNotPermitted", StringComparison.Ordinal), "the listener's conditions to clear");
        programmed.StdOut.Should().Contain("""
                - type: ResolvedRefs
                  status: "True"
                  reason: ResolvedRefs
            """.ReplaceLineEndings("\n"));
    }

    /// <summary>A Service NAME in namespace edge with one port, and the WorkloadEntry behind it.</summary>
    private static string Backend(string name, string address, string portName, int port) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: edge}
        spec:
          selector: {app: {{name}}}
          ports: [{name: {{portName}}, port: {{port}}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: {{name}}, namespace: edge}
        spec:
          address: {{address}}
          labels: {app: {{name}} }
        """;

    private static string Indented(string pem) => string.Join("\n", pem.TrimEnd().Split('\n').Select(l => "    " + l));
}
