using System.Net;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Security;

/// <summary>
/// The security lab's mesh, for real: weftd with its CA, and four sidecars that each got their
/// certificate from a `weft workload token create` token: travels (travel-agency) and control
/// (travel-control) in front of real backends, and the clients portal (travel-portal) and the
/// ingress gateway (istio-system). Every call goes through the caller's sidecar as its HTTP
/// proxy, so sidecar to sidecar is mesh mTLS.
/// </summary>
internal sealed class SecureMesh : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private SecureMesh(WeftdProcess weftd, WeftCli cli, TempDir dir, string discovery)
    {
        Weftd = weftd;
        Cli = cli;
        Dir = dir;
        Discovery = discovery;
    }

    public WeftdProcess Weftd { get; }
    public WeftCli Cli { get; }
    public TempDir Dir { get; }
    public string Discovery { get; }
    public string CaAddress { get; private set; } = "";
    public string RootFile { get; private set; } = "";
    public Dictionary<string, Workload> Workloads { get; } = new(StringComparer.Ordinal);

    public sealed record Workload(string Name, string Namespace, string ServiceAccount, string Address, ProxyProcess Proxy, HttpClient Http, HttpBackend? App)
    {
        public string DataDir { get; init; } = "";
    }

    public static async Task<SecureMesh> StartAsync(CancellationToken ct)
    {
        var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        var mesh = new SecureMesh(weftd, cli, Repo.TempDir("weft-secure-mesh"), weftd.DiscoveryAddress);
        try
        {
            var travels = Net.UniqueLoopback();
            var control = Net.UniqueLoopback();
            await mesh.ApplyAsync("services.yaml", Services(travels, control));
            var starting = new[]
            {
                mesh.StartWorkloadAsync("travels", "travel-agency", "travels", travels, "app=travels", serves: 8000),
                mesh.StartWorkloadAsync("control", "travel-control", "control", control, "app=control", serves: 8080),
                mesh.StartWorkloadAsync("portal", "travel-portal", "travels", Net.UniqueLoopback(), "app=portal"),
                mesh.StartWorkloadAsync("gateway", "istio-system", "istio-ingressgateway-service-account", Net.UniqueLoopback(), "app=istio-ingressgateway"),
            };
            await Task.WhenAll(starting);
            return mesh;
        }
        catch (Exception e)
        {
            var output = weftd.Process.Output;
            await mesh.DisposeAsync();
            throw new InvalidOperationException($"the secure mesh did not start: {e.Message}\nweftd:\n{output}", e);
        }
    }

    private async Task StartWorkloadAsync(string name, string ns, string sa, string address, string labels, int? serves = null)
    {
        var json = await Cli.MustAsync("workload", "token", "create", "-n", ns, "-s", sa, "-o", "json");
        var status = JsonNode.Parse(json.StdOut)!["status"]!;
        var token = Dir.Write(name + ".token", status["token"]!.GetValue<string>());
        lock (Workloads)
        {
            CaAddress = status["caAddress"]!.GetValue<string>();
            RootFile = Dir.Write("root-cert.pem", status["rootCertificates"]!.GetValue<string>());
        }
        HttpBackend? app = null;
        string[] inbound = [];
        if (serves is { } port)
        {
            app = HttpBackend.Start(name, address, 18000 + port % 1000);
            inbound = ["--inbound", $"{port}={address}:{app.Port}"];
        }
        var dataDir = Dir.File(name);
        var proxy = await ProxyProcess.StartAsync(
            ["--discovery-address", Discovery, "--data-dir", dataDir, "--name", name, "--namespace", ns, "--service-account", sa, "--address", address,
             "--labels", labels, "--drain-seconds", "0", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000",
             "--ca-address", CaAddress, "--token-file", token, "--ca-root-file", Dir.File("root-cert.pem"), .. inbound],
            adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(120));
        var http = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy($"http://{address}:15001"), UseProxy = true }) { Timeout = TimeSpan.FromSeconds(10) };
        lock (Workloads)
            Workloads[name] = new Workload(name, ns, sa, address, proxy, http, app) { DataDir = dataDir };
        _owned.Add(proxy);
        if (app is not null)
            _owned.Add(app);
    }

    public async Task ApplyAsync(string file, string yaml)
    {
        var path = Cli.Files.Write(file, yaml);
        var r = await Cli.RunAsync("apply", "-f", path);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"weft apply -f {file} exited with {r.ExitCode}:\n{r.Output}");
    }

    public async Task DeleteAsync(string kind, string ns, string name)
    {
        var r = await Cli.RunAsync("delete", kind, name, "-n", ns);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"weft delete {kind} {name} -n {ns} exited with {r.ExitCode}:\n{r.Output}");
    }

    /// <summary>One call from a workload's sidecar: "STATUS BODY".</summary>
    public async Task<string> CallAsync(string from, string url)
    {
        try
        {
            using var r = await Workloads[from].Http.GetAsync(url);
            return $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "error " + e.Message;
        }
    }

    /// <summary>Calls until the answer is the expected one (config takes a push to arrive); fails with the last answer and the logs.</summary>
    public async Task ExpectAsync(string from, string url, string expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await CallAsync(from, url);
            if (last == expected)
                return;
            await Task.Delay(100, ct);
        }
        var logs = string.Join("\n", Workloads.Values.Select(w => $"--- {w.Name}:\n{w.Proxy.Output}"));
        throw new Xunit.Sdk.XunitException($"{from} -> {url}: expected '{expected}', last answer '{last}'\n{logs}");
    }

    public static string Services(string travels, string control) => $"""
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
        spec: {"{"}address: {travels}, labels: {"{"}app: travels{"}"}, serviceAccount: travels{"}"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: control, namespace: travel-control{"}"}
        spec:
          selector: {"{"}app: control{"}"}
          ports: [{"{"}name: http, port: 8080{"}"}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {"{"}name: control, namespace: travel-control{"}"}
        spec: {"{"}address: {control}, labels: {"{"}app: control{"}"}, serviceAccount: control{"}"}
        """;

    public async ValueTask DisposeAsync()
    {
        foreach (var w in Workloads.Values)
            w.Http.Dispose();
        foreach (var o in _owned)
            await o.DisposeAsync();
        await Cli.DisposeAsync();
        await Weftd.DisposeAsync();
        Dir.Dispose();
    }
}
