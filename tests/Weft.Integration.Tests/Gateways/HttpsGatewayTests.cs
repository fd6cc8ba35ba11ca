using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// An Istio Gateway terminating HTTPS with credentialName Secrets (kubernetes.io/tls, made by
/// openssl at run time): each SNI gets its own certificate, as openssl s_client shows; curl
/// reaches the backend over HTTPS; plain HTTP is redirected to HTTPS; a MUTUAL server refuses a
/// client without a certificate its ca.crt vouches for.
/// </summary>
public sealed class HttpsGatewayTests
{
    private static async Task OpensslAsync(string dir, params string[] args)
    {
        var r = await Run.CommandAsync("openssl", args, null, null, TimeSpan.FromSeconds(60), dir);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed:\n{r.Output}");
    }

    /// <summary>A CA and a certificate for each name it signs (P-256, a day), in <paramref name="dir"/>.</summary>
    private static async Task CertificatesAsync(string dir, params string[] names)
    {
        await OpensslAsync(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=weft-test-ca", "-days", "1");
        foreach (var name in names)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, name + ".ext"), $"subjectAltName=DNS:{name}\n");
            await OpensslAsync(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
            await OpensslAsync(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", name + ".crt", "-days", "1", "-extfile", name + ".ext");
        }
    }

    private static string Indented(string pem) => string.Join("\n", pem.TrimEnd().Split('\n').Select(l => "    " + l));

    private static string TlsSecret(string ns, string name, string dir, string cert, bool withCa = false) => $"""
        apiVersion: v1
        kind: Secret
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        type: kubernetes.io/tls
        stringData:
          tls.crt: |
        {Indented(File.ReadAllText(Path.Combine(dir, cert + ".crt")))}
          tls.key: |
        {Indented(File.ReadAllText(Path.Combine(dir, cert + ".key")))}
        {(withCa ? "  ca.crt: |\n" + Indented(File.ReadAllText(Path.Combine(dir, "ca.crt"))) : "")}
        ---

        """;

    [Fact]
    public async Task Each_sni_gets_the_certificate_of_its_server_and_https_reaches_the_backend()
    {
        await using var lab = await GatewayLab.StartAsync();
        var dir = lab.Cli.Files.Path;
        await CertificatesAsync(dir, "a.example.com", "b.example.com", "client.example.com");
        var app = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        lab.Backend("web", app, 8080);
        await lab.ApplyAsync("https.yaml",
            TlsSecret("istio-system", "a-credential", dir, "a.example.com")
            + TlsSecret("istio-system", "b-credential", dir, "b.example.com", withCa: true)
            + $"""
            apiVersion: v1
            kind: Service
            metadata: {"{"}name: web, namespace: shop{"}"}
            spec: {"{"}selector: {"{"}app: web{"}"}, ports: [{"{"}name: http, port: 8080{"}"}]{"}"}
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {"{"}name: web, namespace: shop{"}"}
            spec: {"{"}address: {app}, labels: {"{"}app: web{"}"}{"}"}
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {"{"}name: shop, namespace: shop{"}"}
            spec:
              selector: {"{"}istio: ingressgateway{"}"}
              servers:
              - port: {"{"}number: 443, name: https-a, protocol: HTTPS{"}"}
                hosts: [a.example.com]
                tls: {"{"}mode: SIMPLE, credentialName: a-credential, minProtocolVersion: TLSV1_3{"}"}
              - port: {"{"}number: 443, name: https-b, protocol: HTTPS{"}"}
                hosts: [b.example.com]
                tls: {"{"}mode: MUTUAL, credentialName: b-credential{"}"}
              - port: {"{"}number: 80, name: http, protocol: HTTP{"}"}
                hosts: ["*.example.com"]
                tls: {"{"}httpsRedirect: true{"}"}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {"{"}name: web, namespace: shop{"}"}
            spec:
              hosts: [a.example.com, b.example.com]
              gateways: [shop]
              http: [{"{"}route: [{"{"}destination: {"{"}host: web{"}"}{"}"}]{"}"}]
            """);
        await lab.RunGatewayAsync("istio-ingressgateway", "istio-system", gateway, "--port", "80", "--port", "443");

        var https = await lab.CurlUntilAsync("https://a.example.com/", "a.example.com", r => r.StdOut.Contains("HTTP/2 200", StringComparison.Ordinal),
            "the gateway to serve https for a.example.com", "--resolve", $"a.example.com:443:{gateway}", "--cacert", Path.Combine(dir, "ca.crt"));
        https.StdOut.Should().EndWith("web");

        var a = await Run.CommandAsync("openssl", ["s_client", "-connect", $"{gateway}:443", "-servername", "a.example.com", "-brief", "-CAfile", Path.Combine(dir, "ca.crt")], null, "", TimeSpan.FromSeconds(30));
        a.Output.Should().Contain("Peer certificate: CN = a.example.com").And.Contain("Verification: OK").And.Contain("Protocol version: TLSv1.3");
        var tls12 = await Run.CommandAsync("openssl", ["s_client", "-connect", $"{gateway}:443", "-servername", "a.example.com", "-tls1_2", "-brief"], null, "", TimeSpan.FromSeconds(30));
        tls12.Output.Should().NotContain("CONNECTION ESTABLISHED", "minProtocolVersion TLSV1_3 refuses TLS 1.2");

        // MUTUAL: without a client certificate the handshake fails; with one the CA signed, the backend answers.
        var noCert = await Run.CommandAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "--resolve", $"b.example.com:443:{gateway}", "--cacert", Path.Combine(dir, "ca.crt"), "https://b.example.com/"], null, null, TimeSpan.FromSeconds(15));
        noCert.StdOut.Should().Be("000");
        var withCert = await Run.CommandAsync("curl", ["-s", "--max-time", "5", "--resolve", $"b.example.com:443:{gateway}", "--cacert", Path.Combine(dir, "ca.crt"),
            "--cert", Path.Combine(dir, "client.example.com.crt"), "--key", Path.Combine(dir, "client.example.com.key"), "https://b.example.com/"], null, null, TimeSpan.FromSeconds(15));
        withCert.StdOut.Should().Be("web");
        var b = await Run.CommandAsync("openssl", ["s_client", "-connect", $"{gateway}:443", "-servername", "b.example.com", "-brief",
            "-cert", Path.Combine(dir, "client.example.com.crt"), "-key", Path.Combine(dir, "client.example.com.key")], null, "", TimeSpan.FromSeconds(30));
        b.Output.Should().Contain("Peer certificate: CN = b.example.com");

        var redirect = await lab.CurlUntilAsync($"http://{gateway}/cart?id=7", "a.example.com", r => r.StdOut.StartsWith("HTTP/1.1 301", StringComparison.Ordinal), "the https redirect");
        redirect.StdOut.Should().Contain("Location: https://a.example.com/cart?id=7");
    }
}
