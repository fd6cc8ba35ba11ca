using System.Net;
using System.Text.Json;
using Weft.Testing;

namespace Weft.Integration.Tests.DataPlane;

/// <summary>
/// A real mesh on one machine, as the canary lab runs it: weftd, the cars service with two
/// versions (each a real HTTP backend behind its own sidecar on its own loopback address), and
/// a client sidecar whose HTTP proxy (A:15001) the test sends through. Config goes in with the
/// real `weft apply`. Everything is stopped on dispose.
/// </summary>
internal sealed class CanaryMesh : IAsyncDisposable
{
    public const string CarsUrl = "http://cars.travel:8000/";

    private CanaryMesh(WeftdProcess weftd, string discovery, WeftCli cli, TempDir dirs)
    {
        Weftd = weftd;
        Discovery = discovery;
        Cli = cli;
        Dirs = dirs;
    }

    public WeftdProcess Weftd { get; }
    public string Discovery { get; }
    public WeftCli Cli { get; }
    public TempDir Dirs { get; }
    public string ClientAddress { get; } = Net.UniqueLoopback();
    public ProxyProcess Client { get; private set; } = null!;
    public List<ProxyProcess> Sidecars { get; } = [];
    public List<HttpBackend> Backends { get; } = [];
    public HttpClient Http { get; private set; } = null!;

    public static async Task<CanaryMesh> StartAsync(int v1Weight = 90, int v2Weight = 10, IReadOnlyList<string>? weftdArgs = null)
    {
        // Data-plane tests: the sidecars run without certificates, so they use the plaintext listener.
        var weftd = await WeftdProcess.StartAsync(new WeftdStart { InsecureDiscovery = true, Args = weftdArgs ?? [] });
        var discovery = weftd.InsecureDiscoveryAddress;
        var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        var mesh = new CanaryMesh(weftd, discovery, cli, Repo.TempDir("weft-mesh"));
        try
        {
            var v1 = Net.UniqueLoopback();
            var v2 = Net.UniqueLoopback();
            await mesh.ApplyAsync("base.yaml", Base(v1, v2));
            await mesh.ApplyAsync("split.yaml", Split(v1Weight, v2Weight));
            foreach (var (version, address) in new[] { ("v1", v1), ("v2", v2) })
                mesh.Backends.Add(HttpBackend.Start(version, address, 18000));
            // The three sidecars start together: each is a process of its own.
            var starting = new[]
            {
                mesh.StartProxyAsync("cars-v1", v1, "app=cars,version=v1", "--inbound", $"8000={v1}:18000"),
                mesh.StartProxyAsync("cars-v2", v2, "app=cars,version=v2", "--inbound", $"8000={v2}:18000"),
                mesh.StartProxyAsync("portal", mesh.ClientAddress, "app=portal"),
            };
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                foreach (var t in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    if (t == starting[2])
                        mesh.Client = t.Result;
                    else
                        mesh.Sidecars.Add(t.Result);
                }
            }
            mesh.Http = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy($"http://{mesh.ClientAddress}:15001"), UseProxy = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(10),
            };
            await mesh.WaitForClientAsync(dump => dump.Contains("outbound|8000|v2|cars.travel.svc.cluster.local", StringComparison.Ordinal), "the client sidecar to route cars by subset");
            return mesh;
        }
        catch (Exception e)
        {
            var output = weftd.Process.Output;
            await mesh.DisposeAsync();
            throw new InvalidOperationException($"the mesh did not start: {e.Message}\nweftd:\n{output}", e);
        }
    }

    public async Task<ProxyProcess> StartProxyAsync(string name, string address, string labels, params string[] extra)
    {
        var dataDir = Path.Combine(Dirs.Path, name);
        var proxy = await ProxyProcess.StartAsync(
            ["--discovery-address", Discovery, "--data-dir", dataDir, "--name", name, "--namespace", "travel", "--address", address,
             "--labels", labels, "--drain-seconds", "0", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000", .. extra],
            adminAddress: $"{address}:15000", timeout: TimeSpan.FromSeconds(30));
        return proxy;
    }

    /// <summary>Restarts the client sidecar with the same identity and data directory.</summary>
    public async Task RestartClientAsync()
    {
        await Client.DisposeAsync();
        Client = await StartProxyAsync("portal", ClientAddress, "app=portal");
    }

    /// <summary>Applies YAML with the real CLI; returns the store revision the apply reached.</summary>
    public async Task<Run.Result> ApplyAsync(string file, string yaml, bool mustSucceed = true)
    {
        var path = Cli.Files.Write(file, yaml);
        var r = await Cli.RunAsync("apply", "-f", path);
        if (mustSucceed && r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"weft apply -f {file} exited with {r.ExitCode}:\n{r.Output}");
        return r;
    }

    /// <summary>Waits until the client sidecar's live config satisfies the condition (its config dump, as text).</summary>
    public async Task WaitForClientAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await Client.AdminGetAsync("config_dump");
                if (condition(last))
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"waited for {what}; the client's config dump:\n{last[..Math.Min(last.Length, 4000)]}\nweftd:\n{Weftd.Process.Output}\nclient:\n{Client.Output}");
    }

    /// <summary>The weights of the split route the client sidecar runs, by cluster.</summary>
    public static Dictionary<string, int> SplitWeights(string configDump)
    {
        using var doc = JsonDocument.Parse(configDump);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rc in doc.RootElement.GetProperty("snapshot").GetProperty("routeConfigurations").EnumerateArray())
            foreach (var vh in rc.GetProperty("virtualHosts").EnumerateArray())
                foreach (var r in vh.GetProperty("routes").EnumerateArray())
                    if (r.GetProperty("name").GetString() == "split" && r.TryGetProperty("forward", out var f))
                        foreach (var c in f.GetProperty("clusters").EnumerateArray())
                            result[c.GetProperty("name").GetString()!] = c.GetProperty("weight").GetInt32();
        return result;
    }

    public Task WaitForSplitAsync(int v1, int v2) => WaitForClientAsync(dump =>
    {
        var w = SplitWeights(dump);
        return w.GetValueOrDefault("outbound|8000|v1|cars.travel.svc.cluster.local") == v1 && w.GetValueOrDefault("outbound|8000|v2|cars.travel.svc.cluster.local") == v2;
    }, $"the client sidecar to run the {v1}/{v2} split");

    /// <summary>Sends requests through the client sidecar, a few at a time; counts answers by backend and failures by reason.</summary>
    public async Task<Tally> SendAsync(int count, int concurrency = 8)
    {
        var tally = new Tally();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
                tally.Record(await OneAsync());
        });
        await Task.WhenAll(workers);
        return tally;
    }

    public async Task<string> OneAsync()
    {
        try
        {
            using var r = await Http.GetAsync(CarsUrl);
            var body = await r.Content.ReadAsStringAsync();
            return r.IsSuccessStatusCode ? body : $"HTTP {(int)r.StatusCode}: {body} (flags {string.Join(",", r.Headers.TryGetValues("x-weft-flags", out var f) ? f : [])})";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"error: {e.Message}";
        }
    }

    public static string Base(string v1, string v2) => $$$"""
        apiVersion: v1
        kind: Service
        metadata: {name: cars, namespace: travel}
        spec:
          selector: {app: cars}
          ports:
          - {name: http, port: 8000}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: cars-v1, namespace: travel}
        spec:
          address: {{{v1}}}
          labels: {app: cars, version: v1}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: cars-v2, namespace: travel}
        spec:
          address: {{{v2}}}
          labels: {app: cars, version: v2}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cars, namespace: travel}
        spec:
          host: cars
          subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
        """;

    public static string Split(int v1, int v2, string extra = "") => $$$"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: cars, namespace: travel}
        spec:
          hosts: [cars]
          http:
          - name: split
            route:
            - destination: {host: cars, subset: v1}
              weight: {{{v1}}}
            - destination: {host: cars, subset: v2}
              weight: {{{v2}}}
        {{{extra}}}
        """;

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Client is not null)
            await Client.DisposeAsync();
        foreach (var s in Sidecars)
            await s.DisposeAsync();
        foreach (var b in Backends)
            await b.DisposeAsync();
        await Weftd.DisposeAsync();
        await Cli.DisposeAsync();
        Dirs.Dispose();
    }
}

/// <summary>Answers counted by backend name, and everything else by its text.</summary>
internal sealed class Tally
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Record(string answer) => _counts.AddOrUpdate(answer, 1, (_, n) => n + 1);

    public int this[string answer] => _counts.GetValueOrDefault(answer);

    public int Total => _counts.Values.Sum();

    public IEnumerable<KeyValuePair<string, int>> Failures => _counts.Where(kv => kv.Key is not ("v1" or "v2"));

    public override string ToString() => string.Join(", ", _counts.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} x{kv.Value}"));
}
