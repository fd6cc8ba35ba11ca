using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// Gateway credentials as Istio's SDS serves them: a `weft gateway run` ingress gateway fetches
/// its HTTPS Secret from weftd over its mTLS connection, so neither its config dump nor its saved
/// snapshot holds a key; a Secret rotated with `weft apply` is what the next handshake presents
/// (openssl s_client shows the new serial) while a connection opened before keeps working.
/// </summary>
public sealed class GatewaySecretRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> OpensslAsync(string dir, params string[] args)
    {
        var r = await Run.CommandAsync("openssl", args, null, "", TimeSpan.FromSeconds(60), dir);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed:\n{r.Output}");
        return r.StdOut;
    }

    /// <summary>A leaf for <paramref name="host"/> signed by ca.crt, written as FILE.crt / FILE.key; returns its serial as openssl prints it.</summary>
    private static async Task<string> LeafAsync(string dir, string host, string file)
    {
        await File.WriteAllTextAsync(Path.Combine(dir, file + ".ext"), $"subjectAltName=DNS:{host}\n", Ct);
        await OpensslAsync(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", file + ".key", "-out", file + ".csr", "-subj", "/CN=" + host);
        await OpensslAsync(dir, "x509", "-req", "-in", file + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", file + ".crt", "-days", "1", "-extfile", file + ".ext");
        return (await OpensslAsync(dir, "x509", "-in", file + ".crt", "-noout", "-serial")).Trim();
    }

    private static string Indented(string pem) => string.Join("\n", pem.TrimEnd().Split('\n').Select(l => "    " + l));

    private static string Secret(string dir, string file) => $"""
        apiVersion: v1
        kind: Secret
        metadata: {"{"}name: shop-credential, namespace: istio-system{"}"}
        type: kubernetes.io/tls
        stringData:
          tls.crt: |
        {Indented(File.ReadAllText(Path.Combine(dir, file + ".crt")))}
          tls.key: |
        {Indented(File.ReadAllText(Path.Combine(dir, file + ".key")))}
        """;

    /// <summary>The serial of the certificate a fresh handshake presents (openssl s_client, then openssl x509).</summary>
    private static async Task<string> ServedSerialAsync(string dir, string gateway)
    {
        var hello = await Run.CommandAsync("openssl", ["s_client", "-connect", $"{gateway}:443", "-servername", "shop.example.test", "-CAfile", Path.Combine(dir, "ca.crt")],
            null, "", TimeSpan.FromSeconds(30), dir);
        var text = hello.StdOut;
        var start = text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        if (start < 0)
            return $"(no certificate: {hello.Output.Trim()})";
        var end = text.IndexOf("-----END CERTIFICATE-----", start, StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
        var served = Path.Combine(dir, "served.pem");
        await File.WriteAllTextAsync(served, text[start..end] + "\n", Ct);
        return (await OpensslAsync(dir, "x509", "-in", served, "-noout", "-serial")).Trim();
    }

    /// <summary>One HTTP/1.1 exchange on an open TLS stream: the status line and the body.</summary>
    private static async Task<(string Status, string Body)> GetAsync(SslStream tls)
    {
        await tls.WriteAsync("GET / HTTP/1.1\r\nHost: shop.example.test\r\n\r\n"u8.ToArray(), Ct);
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString([.. buffer]);
            var head = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (head >= 0)
            {
                var length = int.Parse(text.Split("\r\n").First(l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))["content-length:".Length..].Trim());
                if (buffer.Count >= head + 4 + length)
                    return (text[..text.IndexOf("\r\n", StringComparison.Ordinal)], text.Substring(head + 4, length));
            }
            var n = await tls.ReadAsync(chunk, Ct);
            if (n == 0)
                throw new IOException($"the gateway closed the connection; it had sent: {text}");
            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
        }
    }

    [Fact]
    public async Task A_rotated_gateway_secret_is_served_on_new_handshakes_while_an_open_connection_keeps_working_and_no_key_is_in_the_config()
    {
        await using var lab = await GatewayLab.StartAsync();
        var dir = lab.Cli.Files.Path;
        await OpensslAsync(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=weft-test-ca", "-days", "1");
        var first = await LeafAsync(dir, "shop.example.test", "first");
        var second = await LeafAsync(dir, "shop.example.test", "second");
        first.Should().NotBe(second);
        var app = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        lab.Backend("web", app, 8080);
        await lab.ApplyAsync("shop.yaml", Secret(dir, "first") + $"""

            ---
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
              - port: {"{"}number: 443, name: https, protocol: HTTPS{"}"}
                hosts: [shop.example.test]
                tls: {"{"}mode: SIMPLE, credentialName: shop-credential{"}"}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {"{"}name: web, namespace: shop{"}"}
            spec:
              hosts: [shop.example.test]
              gateways: [shop]
              http: [{"{"}route: [{"{"}destination: {"{"}host: web{"}"}{"}"}]{"}"}]
            """);
        await lab.RunGatewayAsync("istio-ingressgateway", "istio-system", gateway, "--port", "443");

        var https = await lab.CurlUntilAsync("https://shop.example.test/", "shop.example.test", r => r.StdOut.Contains("HTTP/2 200", StringComparison.Ordinal),
            "the gateway to serve https with the fetched Secret", "--resolve", $"shop.example.test:443:{gateway}", "--cacert", Path.Combine(dir, "ca.crt"));
        https.StdOut.Should().EndWith("web");
        (await ServedSerialAsync(dir, gateway)).Should().Be(first);

        // The gateway's config names the Secret; no key is in what it was pushed, dumps or saved.
        var gatewayDir = Path.Combine(lab.Cli.Home, ".weft", "gateways", "istio-system", "istio-ingressgateway");
        var dump = (await Run.CommandAsync("curl", ["-sS", "--max-time", "10", $"http://{gateway}:15000/config_dump"])).StdOut;
        dump.Should().Contain("\"istio-system/shop-credential\"").And.NotContain("PRIVATE KEY").And.NotContain("BEGIN CERTIFICATE");
        var saved = await File.ReadAllTextAsync(Path.Combine(gatewayDir, "proxy", "last-good-snapshot.json"), Ct);
        saved.Should().Contain("istio-system/shop-credential").And.NotContain("PRIVATE KEY");
        lab.Weftd.Process.Output.Should().Contain("Served secret istio-system/shop-credential version ")
            .And.Contain("to spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway");

        // A connection opened before the rotation.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway, 443, Ct);
        await using var open = new SslStream(tcp.GetStream());
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(Path.Combine(dir, "ca.crt"));
        await open.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "shop.example.test",
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { roots[0] }, RevocationMode = X509RevocationMode.NoCheck },
        }, Ct);
        (await GetAsync(open)).Should().Be(("HTTP/1.1 200 OK", "web"));

        await lab.ApplyAsync("rotated.yaml", Secret(dir, "second"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string serial;
        while ((serial = await ServedSerialAsync(dir, gateway)) != second && DateTime.UtcNow < deadline)
            await Task.Delay(250, Ct);
        serial.Should().Be(second, "a new handshake presents the rotated certificate");
        (await Run.CommandAsync("curl", ["-sS", "--max-time", "10", "--resolve", $"shop.example.test:443:{gateway}", "--cacert", Path.Combine(dir, "ca.crt"), "https://shop.example.test/"]))
            .StdOut.Should().Be("web");

        // The connection from before still answers, on the certificate it shook hands with.
        (await GetAsync(open)).Should().Be(("HTTP/1.1 200 OK", "web"));
        using var presented = new X509Certificate2(open.RemoteCertificate!);
        presented.SerialNumber.TrimStart('0').Should().Be(first["serial=".Length..].TrimStart('0'), "the open connection keeps the certificate it shook hands with");
        (await File.ReadAllTextAsync(Path.Combine(gatewayDir, "proxy.log"), Ct)).Should().Contain("Secret istio-system/shop-credential rotated: version ");
    }
}
