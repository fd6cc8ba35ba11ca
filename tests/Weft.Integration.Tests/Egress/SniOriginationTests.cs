using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// A DestinationRule's <c>tls.sni</c> and <c>subjectAltNames</c> on an originated connection
/// (Istio's ClientTLSSettings): the external server (a loopback HTTPS server that records the SNI
/// it saw) gets the rule's SNI while the request keeps the application's Host; the server's
/// certificate must carry one of the subject alt names when the rule lists any.
/// </summary>
public sealed class SniOriginationTests
{
    private const string Host = "front.example.test";
    private const string Sni = "api.backend.test";

    private static string Entry(string address) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: front
        spec:
          hosts:
          - {{Host}}
          ports:
          - number: 80
            name: http-port
            protocol: HTTP
            targetPort: 443
          resolution: DNS
          endpoints:
          - address: {{address}}
        """;

    private static string Rule(string caFile, string extra) => $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: front
        spec:
          host: {{Host}}
          trafficPolicy:
            portLevelSettings:
            - port:
                number: 80
              tls:
                mode: SIMPLE
                caCertificates: {{caFile}}
                sni: {{Sni}}
        {{extra}}
        """;

    [Fact]
    public async Task The_origination_sends_the_rules_sni_keeps_the_host_header_and_checks_the_subject_alt_names()
    {
        await using var mesh = await EgressMesh.StartAsync();
        using var ca = new TestCa();
        var caFile = mesh.Lab.Cli.Files.Write("ca.crt", ca.RootPem);
        var address = Net.UniqueLoopback();
        var server = mesh.Server("backend", address, 443, ca.Issue(Sni));
        await mesh.ApplyAsync("sni.yaml", Entry(address) + "\n---\n" + Rule(caFile, ""));

        var answer = await mesh.CurlUntilAsync($"http://{Host}/get", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "TLS origination with the rule's SNI");
        answer.StdOut.Should().Contain("backend client=").And.EndWith($"sni={Sni}");
        server.Requests.Last().Sni.Should().Be(Sni);
        server.Requests.Last().Head.Should().StartWith("GET /get HTTP/1.1").And.Contain($"Host: {Host}");

        // subjectAltNames the certificate does not carry: the sidecar refuses the server and says why.
        await mesh.ApplyAsync("sans-wrong.yaml", Rule(caFile, "        subjectAltNames:\n        - payments.backend.test"));
        var refused = await mesh.CurlUntilAsync($"http://{Host}/get", r => r.StdOut.StartsWith("HTTP/1.1 503", StringComparison.Ordinal), "a certificate without the expected subject alt name to be refused");
        refused.StdOut.Should().NotContain("backend client=");
        // Calls made before the rule arrived were still served; once refused, none reaches the server.
        var before = server.Requests.Count;
        (await mesh.CurlAsync($"http://{Host}/get")).StdOut.Should().StartWith("HTTP/1.1 503");
        server.Requests.Count.Should().Be(before);
        var mismatch = $"Cluster outbound|80||{Host}: the upstream certificate names {Sni}, none of the expected subject alt names";
        var log = await Poll.UntilAsync(() => Task.FromResult(mesh.Client.Output), o => o.Contains(mismatch, StringComparison.Ordinal), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        log.Should().Contain(mismatch);

        // Naming the certificate's SAN lets it through again, still with the rule's SNI.
        await mesh.ApplyAsync("sans-right.yaml", Rule(caFile, $"        subjectAltNames:\n        - {Sni}"));
        var accepted = await mesh.CurlUntilAsync($"http://{Host}/get", r => r.StdOut.Contains(" 200 ", StringComparison.Ordinal), "a certificate with the expected subject alt name to be accepted");
        accepted.StdOut.Should().EndWith($"sni={Sni}");
    }

    [Fact]
    public async Task A_certificate_for_another_name_than_the_rules_sni_is_refused()
    {
        await using var mesh = await EgressMesh.StartAsync();
        using var ca = new TestCa();
        var caFile = mesh.Lab.Cli.Files.Write("ca.crt", ca.RootPem);
        var address = Net.UniqueLoopback();
        // The server's certificate is for the Host the application used, not for the SNI the rule asks for.
        var server = mesh.Server("backend", address, 443, ca.Issue(Host));
        await mesh.ApplyAsync("sni.yaml", Entry(address) + "\n---\n" + Rule(caFile, ""));

        var refused = await mesh.CurlUntilAsync($"http://{Host}/get", r => r.StdOut.StartsWith("HTTP/1.1 503", StringComparison.Ordinal), "a certificate for another name than the SNI to be refused");
        refused.StdOut.Should().Contain("upstream connect error");
        server.Requests.Should().BeEmpty();
    }
}
