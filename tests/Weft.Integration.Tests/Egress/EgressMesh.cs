using Weft.Integration.Tests.Gateways;
using Weft.Testing;

namespace Weft.Integration.Tests.Egress;

/// <summary>
/// Istio's egress tasks on one machine: weftd and the real `weft` CLI (<see cref="GatewayLab"/>),
/// one client sidecar (the task's <c>sleep</c>, namespace <c>default</c>) whose HTTP proxy port
/// (A:15001) curl sends through, and "external" servers on loopback addresses of their own.
/// Everything started is stopped on dispose.
/// </summary>
internal sealed class EgressMesh : IAsyncDisposable
{
    private readonly TempDir _dirs = Repo.TempDir("weft-egress");

    private EgressMesh(GatewayLab lab) => Lab = lab;

    public GatewayLab Lab { get; }
    public string ClientAddress { get; } = Net.UniqueLoopback();
    public ProxyProcess Client { get; private set; } = null!;
    public List<ExternalServer> Servers { get; } = [];

    /// <summary>
    /// Starts the lab and the sleep sidecar. With <paramref name="serviceAccount"/> the sidecar gets a
    /// workload certificate for <c>default/SA</c> from a `weft workload token create` token and
    /// speaks mesh mTLS (the ISTIO_MUTUAL hop to an egress gateway); without, it has none.
    /// </summary>
    public static async Task<EgressMesh> StartAsync(string? serviceAccount = null)
    {
        var mesh = new EgressMesh(await GatewayLab.StartAsync());
        try
        {
            // Without a certificate the sidecar uses the lab's plaintext listener.
            string[] identity = serviceAccount is null ? ["--discovery-address", mesh.Lab.InsecureDiscovery] : await mesh.IdentityAsync(serviceAccount);
            mesh.Client = await ProxyProcess.StartAsync(
                [.. identity, "--data-dir", mesh._dirs.File("sleep"), "--name", "sleep", "--namespace", "default",
                 "--address", mesh.ClientAddress, "--labels", "app=sleep", "--drain-seconds", "0", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000"],
                adminAddress: $"{mesh.ClientAddress}:15000", timeout: TimeSpan.FromSeconds(90));
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>The proxy arguments of a workload with a certificate: weftd's TLS discovery port, a bootstrap token, the CA and its root.</summary>
    private async Task<string[]> IdentityAsync(string serviceAccount)
    {
        var created = await Lab.Cli.MustAsync("workload", "token", "create", "-n", "default", "-s", serviceAccount, "-o", "json");
        var status = System.Text.Json.Nodes.JsonNode.Parse(created.StdOut)!["status"]!;
        return ["--discovery-address", Lab.Discovery, "--service-account", serviceAccount,
            "--ca-address", status["caAddress"]!.GetValue<string>(),
            "--token-file", _dirs.Write("sleep.token", status["token"]!.GetValue<string>()),
            "--ca-root-file", _dirs.Write("root-cert.pem", status["rootCertificates"]!.GetValue<string>())];
    }

    /// <summary>The mesh's root certificates (PEM file), once the sidecar was started with an identity.</summary>
    public string RootFile => _dirs.File("root-cert.pem");

    public ExternalServer Server(string name, string address, int port, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var s = ExternalServer.Start(name, address, port, certificate);
        Servers.Add(s);
        return s;
    }

    public Task ApplyAsync(string file, string yaml) => Lab.ApplyAsync(file, yaml);

    /// <summary>The task's <c>istio</c> ConfigMap with the mesh-wide outbound traffic policy.</summary>
    public Task OutboundPolicyAsync(string mode) => ApplyAsync($"mesh-{mode}.yaml", $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: istio
          namespace: istio-system
        data:
          mesh: |
            outboundTrafficPolicy:
              mode: {mode}
        """);

    /// <summary>curl through the client sidecar (its HTTP proxy port) until the answer satisfies the condition; config arrives by push.</summary>
    public async Task<Run.Result> CurlUntilAsync(string url, Func<Run.Result, bool> done, string what, params string[] extra)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        Run.Result last;
        while (true)
        {
            last = await CurlAsync(url, extra);
            if (done(last) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(250);
        }
        if (!done(last))
        {
            var dump = await AdminAsync("config_dump");
            throw new TimeoutException($"waited for {what}; curl -x {ClientAddress}:15001 {url} last said:\n{last.Output}\nthe client's config:\n{dump[..Math.Min(dump.Length, 6000)]}\nclient:\n{Client.Output[^Math.Min(Client.Output.Length, 3000)..]}");
        }
        return last;
    }

    public Task<Run.Result> CurlAsync(string url, params string[] extra) =>
        Run.CommandAsync("curl", ["-s", "-i", "--max-time", "10", "-x", $"http://{ClientAddress}:15001", .. extra, url], null, null, TimeSpan.FromSeconds(20));

    public async Task<string> AdminAsync(string path)
    {
        try
        {
            return await Client.AdminGetAsync(path);
        }
        catch (HttpRequestException e)
        {
            return $"(admin {path} failed: {e.Message})";
        }
    }

    /// <summary>The client sidecar's Prometheus metrics.</summary>
    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync($"http://{ClientAddress}:15090/stats/prometheus");
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
            await Client.DisposeAsync();
        foreach (var s in Servers)
            await s.DisposeAsync();
        await Lab.DisposeAsync();
        _dirs.Dispose();
    }
}
