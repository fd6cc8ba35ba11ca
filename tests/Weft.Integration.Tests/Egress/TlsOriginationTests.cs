using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// Istio's "Egress TLS Origination" task: the ServiceEntry maps port 80 to the external host's
/// 443 and a DestinationRule with <c>tls.mode: SIMPLE</c> on port 80 makes the sidecar
/// originate TLS, so the application's plain <c>http://host/</c> leaves as HTTPS. The external
/// server (a loopback HTTPS server with a test CA) sees TLS with the host's SNI; a server whose
/// certificate the CA did not sign is refused; <c>credentialName</c> reads the roots from a Secret.
/// </summary>
public sealed class TlsOriginationTests
{
    private static string Entry(string host, string address) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {{host.Split('.')[0]}}
        spec:
          hosts:
          - {{host}}
          ports:
          - number: 80
            name: http-port
            protocol: HTTP
            targetPort: 443
          - number: 443
            name: https-port
            protocol: HTTPS
          resolution: DNS
          endpoints:
          - address: {{address}}
        """;

    private static string Rule(string host, string tls) => $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: {{host.Split('.')[0]}}
        spec:
          host: {{host}}
          trafficPolicy:
            portLevelSettings:
            - port:
                number: 80
              tls:
        {{tls}}
        """;

    [Fact]
    public async Task A_plain_http_call_leaves_as_https_with_the_hosts_sni_when_a_DestinationRule_says_SIMPLE()
    {
        await using var mesh = await EgressMesh.StartAsync();
        using var ca = new TestCa();
        using var stranger = new TestCa("someone-else");
        var caFile = mesh.Lab.Cli.Files.Write("ca.crt", ca.RootPem);
        var secure = Net.UniqueLoopback();
        var impostor = Net.UniqueLoopback();
        var server = mesh.Server("secure", secure, 443, ca.Issue("secure.example.test"));
        var fake = mesh.Server("impostor", impostor, 443, stranger.Issue("impostor.example.test"));
        await mesh.ApplyAsync("origination.yaml", Entry("secure.example.test", secure) + "\n---\n"
            + Rule("secure.example.test", $"        mode: SIMPLE\n        caCertificates: {caFile}") + "\n---\n"
            + Entry("impostor.example.test", impostor) + "\n---\n"
            + Rule("impostor.example.test", $"        mode: SIMPLE\n        caCertificates: {caFile}"));

        var answer = await mesh.CurlUntilAsync("http://secure.example.test/get", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "TLS origination to secure.example.test:443");
        answer.StdOut.Should().Contain("secure client=").And.EndWith("sni=secure.example.test");
        server.Requests.Last().Head.Should().StartWith("GET /get HTTP/1.1").And.Contain("Host: secure.example.test");

        // The test CA never signed the impostor's certificate: the sidecar refuses to talk to it.
        var refused = await mesh.CurlUntilAsync("http://impostor.example.test/get", r => r.StdOut.StartsWith("HTTP/1.1 503", StringComparison.Ordinal), "a certificate from an unknown CA to be refused");
        refused.StdOut.Should().NotContain("impostor client=");
        fake.Requests.Should().BeEmpty();

        // insecureSkipVerify trusts it anyway, as Istio's field says.
        await mesh.ApplyAsync("skip.yaml", Rule("impostor.example.test", "        mode: SIMPLE\n        insecureSkipVerify: true"));
        var skipped = await mesh.CurlUntilAsync("http://impostor.example.test/get", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "insecureSkipVerify to accept any certificate");
        skipped.StdOut.Should().EndWith("sni=impostor.example.test");

        // credentialName: the roots come from a Secret in the client's namespace instead of a file.
        // Holding the wrong CA, it refuses the server; holding the right one, it trusts it again.
        await mesh.ApplyAsync("credential.yaml", Secret("secure-credential", stranger.RootPem) + "\n---\n"
            + Rule("secure.example.test", "        mode: SIMPLE\n        credentialName: secure-credential"));
        await mesh.CurlUntilAsync("http://secure.example.test/get", r => r.StdOut.StartsWith("HTTP/1.1 503", StringComparison.Ordinal), "the Secret's roots (the wrong CA) to replace the file's");
        await mesh.ApplyAsync("credential-fixed.yaml", Secret("secure-credential", ca.RootPem));
        var fromSecret = await mesh.CurlUntilAsync("http://secure.example.test/get", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "the Secret's roots (the right CA) to be trusted");
        fromSecret.StdOut.Should().EndWith("sni=secure.example.test");
    }

    private static string Secret(string name, string caPem) => $$"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{name}}
          namespace: default
        type: Opaque
        stringData:
          cacert: |
        {{string.Join("\n", caPem.TrimEnd().Split('\n').Select(l => "    " + l))}}
        """;
}
