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
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart { Args = ["--discovery-listen", "127.0.0.1:0", "--ca-listen", "127.0.0.1:0"] }, Ct);
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
        var token = dir.Write("token", status["token"]!.GetValue<string>());
        var root = dir.Write("root-cert.pem", status["rootCertificates"]!.GetValue<string>());

        // The push stream goes to the CA's https address: the proxy is ready only once a snapshot came over it.
        await using (var proxy = await ProxyProcess.StartAsync(
            ["--discovery-address", caAddress, "--data-dir", dir.File("data"), "--name", "travels", "--namespace", "travel-agency", "--service-account", "travels",
             "--address", address, "--labels", "app=travels", "--inbound", $"8000={address}:18000", "--drain-seconds", "0",
             "--ca-address", caAddress, "--token-file", token, "--ca-root-file", root],
            adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(40)))
        {
            (await Run.CommandAsync("curl", ["-sS", "--max-time", "10", $"http://{address}:8000/"])).StdOut.Should().Be("travels");
            weftd.Process.Output.Should().Contain("(spiffe://cluster.local/ns/travel-agency/sa/travels)");
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
}
