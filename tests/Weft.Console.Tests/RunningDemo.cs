using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Weft.Testing;

namespace Weft.Console.Tests;

/// <summary>
/// One `weft demo` for a whole test class, put in the mesh (`weft demo mesh`) by the first test
/// that needs sidecars: it takes minutes on a loaded two-core machine, so the class's tests share
/// it and each leaves the demo's config as it found it. Once meshed it also drives steady calls to
/// cars-vm through travels-vm's sidecar (as travels-vm would make them), so rates and splits are
/// measured over hundreds of requests rather than the portals' few quotes.
/// </summary>
public sealed partial class RunningDemo : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<(DateTime At, string Version)> _answers = [];
    private readonly SemaphoreSlim _meshLock = new(1, 1);
    private ManagedProcess? _demo;
    private Task? _load;

    public WeftCli Weft { get; } = new();

    public Uri Server { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public Dictionary<string, string?> Env { get; } = new(StringComparer.Ordinal);

    /// <summary>travels-vm's address: its sidecar's admin (15000) and outbound HTTP proxy (15001) listen there.</summary>
    public string TravelsAddress { get; private set; } = "";

    public string Output => _demo?.Output ?? "";

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Env["HOME"] = Weft.Home;
        Env["WEFT_SERVER"] = null;
        Env["WEFT_TOKEN"] = null;
        Env["WEFT_CONSOLE_DIR"] = ConsoleBrowser.Dist;
        _demo = ManagedProcess.Start(Repo.Binary("Weft.Cli", "weft"), ["demo", "--listen", "127.0.0.1:0"], Env, Weft.Home);
        await _demo.WaitForLineAsync("Serving quotes", TimeSpan.FromSeconds(240), ct);
        // The banner is one write but arrives line by line; the control plane's address comes after "Serving quotes".
        await _demo.WaitForLineAsync("Ctrl-C stops everything.", TimeSpan.FromSeconds(30), ct);
        Server = new Uri(ServerLine().Match(_demo.Output).Groups[1].Value);
        Token = (await File.ReadAllTextAsync(Path.Combine(Weft.Home, ".weft", "demo", "data", "token"), ct)).Trim();
    }

    /// <summary>Whether `weft demo mesh` has run (the sidecars are there and cars-vm is being called).</summary>
    public bool Meshed => _load is not null;

    /// <summary>Runs `weft demo mesh` once, then starts the calls to cars-vm and waits for the first answer.</summary>
    public async Task EnsureMeshAsync()
    {
        await _meshLock.WaitAsync();
        try
        {
            if (!Meshed)
                await MeshAsync();
        }
        finally
        {
            _meshLock.Release();
        }
    }

    private async Task MeshAsync()
    {
        // Ten restarts at once: minutes on a loaded two-core machine (about 20 s when idle).
        var mesh = await Run.CommandAsync(Repo.Binary("Weft.Cli", "weft"), ["demo", "mesh", "--timeout", "280"], Env, timeout: TimeSpan.FromSeconds(300), workingDirectory: Weft.Home);
        if (mesh.ExitCode != 0)
            throw new InvalidOperationException($"weft demo mesh exited with {mesh.ExitCode}:\n{mesh.Output}\n{Output}");
        var travels = await Weft.MustAsync("get", "we", "travels-vm", "-n", "travel-agency", "-o", "json");
        TravelsAddress = JsonNode.Parse(travels.StdOut)!["spec"]!["address"]!.GetValue<string>();
        _load = Task.Run(() => CallCarsAsync(_stop.Token));
        // The first calls through travels-vm's sidecar answer once it has its config.
        await PollAsync(() => Task.FromResult(Answers(DateTime.MinValue).Any(a => a.StartsWith("cars/", StringComparison.Ordinal))),
            "cars-vm to answer through travels-vm's sidecar", TimeSpan.FromSeconds(120));
    }

    /// <summary>What cars answered (its <c>x-weft-sample</c> header, e.g. <c>cars/v2</c>, or the status) since <paramref name="since"/>.</summary>
    public IReadOnlyList<string> Answers(DateTime since)
    {
        lock (_lock)
            return [.. _answers.Where(a => a.At >= since).Select(a => a.Version)];
    }

    /// <summary>A lab script of samples/labs run against this demo, as a user runs it from the repository.</summary>
    public async Task<Run.Result> LabAsync(string script, params string[] args)
    {
        var env = new Dictionary<string, string?>(Env) { ["WEFT"] = Repo.Binary("Weft.Cli", "weft").EndsWith(".dll", StringComparison.Ordinal) ? $"dotnet {Repo.Binary("Weft.Cli", "weft")}" : Repo.Binary("Weft.Cli", "weft") };
        var r = await Run.CommandAsync("bash", [Path.Combine(Repo.Root, "samples", "labs", script), .. args], env, timeout: TimeSpan.FromSeconds(300), workingDirectory: Repo.Root);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"samples/labs/{script} {string.Join(' ', args)} exited with {r.ExitCode}:\n{r.Output}");
        return r;
    }

    public static async Task PollAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, Func<Task<string>>? explain = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
            }
            await Task.Delay(1000);
        }
        var why = explain is null ? "" : await explain();
        throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}; {why}{(last is null ? "" : $" (last error: {last.Message})")}");
    }

    private async Task CallCarsAsync(CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy($"http://{TravelsAddress}:15001"), UseProxy = true })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        while (!ct.IsCancellationRequested)
        {
            string version;
            try
            {
                using var r = await http.GetAsync(new Uri("http://cars-vm.travel-agency:8000/cars/London"), ct);
                version = r.Headers.TryGetValues("x-weft-sample", out var v) ? v.First() : $"HTTP {(int)r.StatusCode}";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                version = "error";
            }
            lock (_lock)
            {
                _answers.Add((DateTime.UtcNow, version));
                if (_answers.Count > 20_000)
                    _answers.RemoveRange(0, 10_000);
            }
            // About 8 calls a second: enough for a split to show within a 30 s window, little for two cores.
            try
            {
                await Task.Delay(120, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// What a failed assertion about the demo needs to be understood after the fact (a CI run keeps
    /// only the test's message): proxy status, the workload entries with their health, one portal's
    /// endpoints for travels-vm, and the ends of the demo's logs of travels-vm and that portal.
    /// </summary>
    /// <summary>What the demo says about itself, for a failure message; <paramref name="workloads"/> (NS/NAME) adds their sidecar and app logs.</summary>
    public async Task<string> DiagnosticsAsync(IEnumerable<string>? workloads = null)
    {
        var text = new System.Text.StringBuilder();
        foreach (string[] args in (string[][])[["proxy-status"], ["get", "workloadentries", "-A", "-o", "wide"], ["proxy-config", "endpoints", "travels.travel-portal"], ["proxy-config", "routes", "travels.travel-portal"],
            ["proxy-config", "endpoints", "travels-vm.travel-agency"], ["proxy-config", "clusters", "travels-vm.travel-agency"]])
        {
            var r = await Weft.RunAsync(args);
            text.Append("\n$ weft ").AppendJoin(' ', args).Append('\n').Append(r.Output);
        }
        var logs = Path.Combine(Weft.Home, ".weft", "demo", "logs");
        var extra = (workloads ?? []).SelectMany(w => new[] { w.Replace('/', '.') + ".sidecar", w.Replace('/', '.') + ".app" });
        foreach (var name in new[] { "supervisor", "travel-agency.travels-vm.sidecar", "travel-agency.travels-vm.app", "travel-portal.travels.sidecar", "travel-portal.travels.app", "weftd" }.Concat(extra).Distinct())
        {
            var path = Path.Combine(logs, name + ".log");
            if (!File.Exists(path))
                continue;
            var lines = await File.ReadAllLinesAsync(path);
            text.Append($"\n--- {name}.log (last 25 of {lines.Length} lines)\n").AppendJoin('\n', lines.TakeLast(25));
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_load is not null)
            await _load;
        if (_demo is not null)
        {
            using (var kill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kill", $"-INT {_demo.Id}") { UseShellExecute = false }))
                kill?.WaitForExit();
            try
            {
                await _demo.WaitForExitAsync(TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException)
            {
                // Disposing kills what is left.
            }
            await _demo.DisposeAsync();
        }
        await Weft.DisposeAsync();
        _stop.Dispose();
        _meshLock.Dispose();
    }

    [GeneratedRegex(@"Control plane \(REST API\)\s+(http://\S+)")]
    private static partial Regex ServerLine();
}
