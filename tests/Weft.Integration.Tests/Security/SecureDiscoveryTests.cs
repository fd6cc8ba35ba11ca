using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Weft.Discovery.Codec;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;
using Weft.Testing;

namespace Weft.Integration.Tests.Security;

/// <summary>
/// The push stream over weftd's TLS port: a real proxy connects with the workload certificate it
/// bootstrapped and serves what it receives; a certificate of one identity cannot fetch another
/// identity's snapshot, and no certificate gets nothing.
/// </summary>
public class SecureDiscoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_proxy_gets_only_its_own_identitys_snapshot_over_the_TLS_port_and_an_impostor_or_anonymous_stream_gets_none()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        await using var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        using var dir = Repo.TempDir("weft-secure-discovery");
        var address = Net.UniqueLoopback();
        await using var app = HttpBackend.Start("travels", address, 18000);
        var yaml = cli.Files.Write("travels.yaml", $"""
            apiVersion: v1
            kind: Service
            metadata: {"{"}name: travels, namespace: travel-agency{"}"}
            spec:
              selector: {"{"}app: travels{"}"}
              ports: [{"{"}name: http, port: 8000{"}"}]
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {"{"}name: travels, namespace: travel-agency{"}"}
            spec: {"{"}address: {address}, labels: {"{"}app: travels{"}"}, serviceAccount: travels{"}"}
            """);
        await cli.MustAsync("apply", "-f", yaml);
        var status = JsonNode.Parse((await cli.MustAsync("workload", "token", "create", "-n", "travel-agency", "-s", "travels", "-o", "json")).StdOut)!["status"]!;
        var caAddress = status["caAddress"]!.GetValue<string>();
        caAddress.Should().Be(weftd.DiscoveryAddress, "certificates and discovery share weftd's one TLS port");
        var token = dir.Write("token", status["token"]!.GetValue<string>());
        var root = dir.Write("root-cert.pem", status["rootCertificates"]!.GetValue<string>());

        // The push stream goes to the CA's https address: the proxy is ready only once a snapshot came over it.
        await using (var proxy = await ProxyProcess.StartAsync(
            ["--discovery-address", caAddress, "--data-dir", dir.File("data"), "--name", "travels", "--namespace", "travel-agency", "--service-account", "travels",
             "--address", address, "--labels", "app=travels", "--inbound", $"8000={address}:18000", "--drain-seconds", "0",
             "--ca-address", caAddress, "--token-file", token, "--ca-root-file", root],
            adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(120)))
        {
            (await Run.CommandAsync("curl", ["-sS", "--max-time", "10", $"http://{address}:8000/"])).StdOut.Should().Be("travels");
            weftd.Process.Output.Should().Contain("(spiffe://cluster.local/ns/travel-agency/sa/travels)");
            var row = (await cli.MustAsync("proxy-status")).StdOut.Split('\n').Single(l => l.StartsWith("travels.travel-agency ", StringComparison.Ordinal));
            row.Should().EndWith(" spiffe://cluster.local/ns/travel-agency/sa/travels", "proxy-status shows the identity the stream proved");
        }

        // The same certificate asking for another proxy's snapshot: the stream ends with nothing pushed.
        var certs = Path.Combine(dir.File("data"), "certs");
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(certs, "cert-chain.pem")), File.ReadAllText(Path.Combine(certs, "key.pem")));
        using (var http = new HttpMessageInvoker(new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { ClientCertificates = [cert], RemoteCertificateValidationCallback = (_, _, _, _) => true } }))
        {
            await using var stream = await HttpDiscoveryConnection.ConnectAsync(http, new Uri(caAddress), Ct);
            await MessageFraming.WriteAsync(stream.Requests, new DiscoveryRequest { Node = new NodeInfo { Name = "control", Namespace = "travel-control", ServiceAccount = "control" } },
                SnapshotJsonContext.Default.DiscoveryRequest, Ct);
            (await MessageFraming.ReadAsync(stream.Responses, SnapshotJsonContext.Default.DiscoveryResponse, Ct)).Should().BeNull();
        }
        await weftd.Process.WaitForLineAsync("its certificate proves spiffe://cluster.local/ns/travel-agency/sa/travels, but it asked for proxy control.travel-control of namespace travel-control, service account control; a proxy gets only its own identity's snapshot",
            TimeSpan.FromSeconds(10), Ct);

        // No certificate at all: 401 before any stream.
        using (var anonymous = new HttpMessageInvoker(new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true } }))
        {
            var act = async () => await HttpDiscoveryConnection.ConnectAsync(anonymous, new Uri(caAddress), Ct);
            (await act.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_proxy_without_a_certificate_or_with_a_plain_http_address_gets_nothing_from_the_TLS_port_and_is_told_what_to_pass()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        weftd.Process.Output.Should().NotContain("Insecure discovery", "plaintext discovery is only served when asked for");
        var https = new Uri(weftd.DiscoveryAddress);
        var http = $"http://127.0.0.1:{https.Port}";

        // http:// at the TLS port: the proxy finds out that the port speaks TLS and says which address to give.
        var address = Net.UniqueLoopback();
        await using (var plain = await ProxyProcess.StartAsync(
            ["--discovery-address", http, "--data-dir", Repo.TempDir("weft-plain").Path, "--name", "plain", "--namespace", "default", "--address", address, "--drain-seconds", "0"],
            adminAddress: $"{address}:15000", waitReady: false))
        {
            var expected = $"the control plane at {http} speaks TLS (weftd's discovery port is TLS by default): pass --discovery-address https://127.0.0.1:{https.Port} "
                + $"with a workload certificate (--ca-address https://127.0.0.1:{https.Port} --token-file FILE --ca-root-file FILE, from `weft workload token create`), "
                + "or, for development only, start weftd with --insecure-discovery-listen ADDR:PORT and give that address";
            (await plain.Process.WaitForLineAsync(expected, TimeSpan.FromSeconds(30), Ct)).Should().Contain("The push stream failed: ");
            var discovery = JsonNode.Parse(await plain.AdminGetAsync("config_dump"))!["discovery"]!;
            discovery["connected"]!.GetValue<bool>().Should().BeFalse();
            discovery["lastError"]!.GetValue<string>().Should().StartWith(expected);
            plain.Output.Should().NotContain(ProxyProcess.ReadyLine);
        }

        // https:// without any certificate: the proxy says it needs one, and weftd never pushed it anything.
        address = Net.UniqueLoopback();
        await using (var anonymous = await ProxyProcess.StartAsync(
            ["--discovery-address", weftd.DiscoveryAddress, "--data-dir", Repo.TempDir("weft-nocert").Path, "--name", "nocert", "--namespace", "default", "--address", address, "--drain-seconds", "0"],
            adminAddress: $"{address}:15000", waitReady: false))
        {
            await anonymous.Process.WaitForLineAsync(
                $"the control plane at {weftd.DiscoveryAddress} is weftd's TLS port: a proxy connects there with its workload certificate, and this one has none "
                + "(give --ca-address with --token-file and --ca-root-file for the first one; a renewed one is kept in DATA_DIR/certs)", TimeSpan.FromSeconds(40), Ct);
            anonymous.Output.Should().NotContain(ProxyProcess.ReadyLine);
        }
        weftd.Process.Output.Should().NotContain("Proxy nocert.default connected").And.NotContain("Proxy plain.default connected");
    }

    [Fact]
    public async Task Openssl_s_client_sees_weftds_certificate_on_the_TLS_port_signed_by_the_mesh_root()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        using var dir = Repo.TempDir("weft-s-client");
        var root = Path.Combine(weftd.DataDir, "ca", "root-cert.pem");
        var port = new Uri(weftd.DiscoveryAddress).Port;

        var hello = await Run.CommandAsync("openssl", ["s_client", "-connect", $"127.0.0.1:{port}", "-servername", "weftd", "-CAfile", root, "-verify_return_error", "-showcerts"],
            stdin: "", timeout: TimeSpan.FromSeconds(30), workingDirectory: dir.Path);
        hello.ExitCode.Should().Be(0, hello.Output);
        hello.StdOut.Should().Contain("Verify return code: 0 (ok)").And.Contain("TLSv1.3");
        hello.Output.Should().Contain("verify return:1");

        // The certificate it showed: weftd's name, its address and its SPIFFE identity, chaining to the mesh root.
        var pem = hello.StdOut[hello.StdOut.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..];
        pem = pem[..(pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length)] + "\n";
        var serving = dir.Write("weftd.pem", pem);
        var sans = await Run.CommandAsync("openssl", ["x509", "-in", serving, "-noout", "-ext", "subjectAltName"], workingDirectory: dir.Path);
        sans.StdOut.Should().Contain("DNS:weftd").And.Contain("IP Address:127.0.0.1").And.Contain("URI:spiffe://cluster.local/ns/istio-system/sa/weftd");
        (await Run.CommandAsync("openssl", ["verify", "-CAfile", root, serving], workingDirectory: dir.Path)).StdOut.Should().Be($"{serving}: OK\n");

        // Trusting another root, the same handshake fails: the certificate really is the mesh CA's.
        await using var other = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        var refused = await Run.CommandAsync("openssl", ["s_client", "-connect", $"127.0.0.1:{port}", "-servername", "weftd", "-CAfile", Path.Combine(other.DataDir, "ca", "root-cert.pem"), "-verify_return_error"],
            stdin: "", timeout: TimeSpan.FromSeconds(30), workingDirectory: dir.Path);
        refused.ExitCode.Should().NotBe(0);
        refused.Output.Should().Contain("unable to get local issuer certificate");
    }

    [Fact]
    public async Task Plaintext_discovery_is_served_only_behind_the_insecure_flag_and_logged_as_a_warning()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart { InsecureDiscovery = true }, Ct);
        var line = await weftd.Process.WaitForLineAsync(WeftdProcess.InsecureDiscoveryLinePrefix, TimeSpan.FromSeconds(10), Ct);
        line.Should().Contain("warn: ").And.EndWith(weftd.InsecureDiscoveryAddress);
        weftd.InsecureDiscoveryAddress.Should().StartWith("http://127.0.0.1:");
        weftd.DiscoveryAddress.Should().StartWith("https://127.0.0.1:", "the TLS port serves as well");
    }

    [Fact]
    public async Task Workload_run_and_gateway_run_sidecars_get_their_config_over_TLS_with_their_own_identity()
    {
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), Ct);
        await using var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        var gateway = Net.UniqueLoopback();
        try
        {
            await cli.MustAsync("workload", "run", "travels", "-n", "travel-agency", "-s", "travels", "--labels", "app=travels", "--sidecar=true",
                "--discovery-address", weftd.DiscoveryAddress, "--detach", "--", "sleep", "600");
            await cli.MustAsync("gateway", "run", "ingress", "-n", "istio-system", "--listen", gateway, "--discovery-address", weftd.DiscoveryAddress, "--detach");

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            JsonArray proxies;
            do
            {
                proxies = JsonNode.Parse((await cli.MustAsync("proxy-status", "-o", "json")).StdOut)!.AsArray();
                if (proxies.Count(p => p!["connected"]!.ToString() == "true") == 2)
                    break;
                await Task.Delay(200, Ct);
            }
            while (DateTime.UtcNow < deadline);
            var connected = proxies.Where(p => p!["connected"]!.ToString() == "true").ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!);
            connected.Keys.Should().BeEquivalentTo(["travels.travel-agency", "ingress.istio-system"], proxies.ToJsonString());
            connected["travels.travel-agency"]["transport"]!.GetValue<string>().Should().Be("tls");
            connected["travels.travel-agency"]["identity"]!.GetValue<string>().Should().Be("spiffe://cluster.local/ns/travel-agency/sa/travels");
            connected["ingress.istio-system"]["transport"]!.GetValue<string>().Should().Be("tls");
            connected["ingress.istio-system"]["identity"]!.GetValue<string>().Should().Be("spiffe://cluster.local/ns/istio-system/sa/ingress");
        }
        finally
        {
            await cli.RunAsync("workload", "stop", "travels", "-n", "travel-agency");
            await cli.RunAsync("gateway", "stop", "ingress", "-n", "istio-system");
        }
    }
}
