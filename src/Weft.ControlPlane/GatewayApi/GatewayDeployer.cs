using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Api.Model.GatewayApi;
using WorkloadEntry = Weft.Api.Model.Networking.WorkloadEntry;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Translation.Gateways;

namespace Weft.ControlPlane.GatewayApi;

/// <summary>
/// Istio's automated deployment for weftd (<c>weftd --deploy-gateways</c>): every Gateway API
/// Gateway of class <c>istio</c> or <c>weft</c> that no gateway workload runs gets one, as Istio
/// makes a Deployment NAME-CLASS: a <c>weft-proxy --mode gateway</c> child of weftd labelled
/// <c>gateway.networking.k8s.io/gateway-name: NAME</c>, on the Gateway's first IPAddress address
/// (else a loopback address derived from its namespace and name), registered with a WorkloadEntry
/// annotated <c>weft.io/deployed-by: weftd</c>. A Gateway that is deleted, changes class, or gets a
/// gateway of its own (`weft gateway run --for-gateway`) loses the deployed one; one that exits is
/// started again on the next change or tick. Everything stops with weftd.
/// </summary>
public sealed partial class GatewayDeployer(ConfigCache cache, ResourceService resources, Func<Uri?> discovery, string dataDir, TimeProvider time,
    ILogger<GatewayDeployer> log) : IAsyncDisposable
{
    public const string DeployedBy = "weft.io/deployed-by";
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, Deployed> _running = new(StringComparer.Ordinal);
    private Task? _loop;

    private sealed record Deployed(string Namespace, string Name, string Address, Process Process);

    /// <summary>The gateways weftd runs now, <c>ns/NAME-CLASS</c> to address (for status and tests).</summary>
    public IReadOnlyDictionary<string, string> Running
    {
        get
        {
            lock (_running)
                return _running.Values.ToDictionary(d => $"{d.Namespace}/{d.Name}", d => d.Address, StringComparer.Ordinal);
        }
    }

    /// <summary>The certificate arguments of a gateway's proxy (namespace, service account, its directory): a bootstrap token for weftd's TLS port; null: none.</summary>
    public Func<string, string, string, CancellationToken, Task<IReadOnlyList<string>>>? Certificates { get; init; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);

    private async Task RunAsync(CancellationToken ct)
    {
        long seen = -1;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                tick.CancelAfter(Tick);
                try
                {
                    await cache.WaitForChangeAsync(seen, tick.Token);
                    await Task.Delay(Debounce, time, ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // A tick without changes: look after the processes.
                }
                var snapshot = cache.Current;
                seen = snapshot.Revision;
                await ReconcileAsync(snapshot, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFailed(log, ex);
            }
        }
    }

    private async Task ReconcileAsync(ConfigSnapshot snapshot, CancellationToken ct)
    {
        var wanted = new Dictionary<string, (Gateway Gateway, string Name, string Address)>(StringComparer.Ordinal);
        foreach (var g in snapshot.OfType<Gateway>())
        {
            if (g.Spec?.GatewayClassName is not { } cls || !GatewayApiConverter.BuiltInClasses.Contains(cls))
                continue;
            if (g.Spec.Addresses?.Any(a => a.TypeOrDefault == "Hostname") == true)
                continue;
            var name = $"{g.Name}-{cls}";
            // A gateway workload someone else runs for this Gateway (weft gateway run --for-gateway) serves it already.
            var foreign = snapshot.OfType<WorkloadEntry>().Any(w => w.Namespace == g.Namespace && w.Metadata.Annotation(DeployedBy) is null
                && w.Spec?.Labels is { } labels && labels.TryGetValue(GatewayApiConverter.GatewayNameLabel, out var v) && v == g.Name);
            if (foreign)
                continue;
            var address = g.Spec.Addresses?.FirstOrDefault(a => a.TypeOrDefault == "IPAddress")?.Value ?? LoopbackFor(g.Namespace, g.Name);
            wanted[$"{g.Namespace}/{name}"] = (g, name, address);
        }
        List<Deployed> stale;
        lock (_running)
            stale = [.. _running.Where(kv => !wanted.TryGetValue(kv.Key, out var w) || w.Address != kv.Value.Address || kv.Value.Process.HasExited).Select(kv => kv.Value)];
        foreach (var d in stale)
        {
            lock (_running)
                _running.Remove($"{d.Namespace}/{d.Name}");
            await StopAsync(d, unregister: !wanted.ContainsKey($"{d.Namespace}/{d.Name}"), ct);
        }
        if (discovery() is not { } discoveryAddress)
            return;
        foreach (var (key, (g, name, address)) in wanted)
        {
            bool running;
            lock (_running)
                running = _running.ContainsKey(key);
            if (!running)
            {
                var d = await StartAsync(g, name, address, discoveryAddress, ct);
                lock (_running)
                    _running[key] = d;
            }
        }
    }

    /// <summary>127.64.X.Y from the Gateway's namespace and name, so a restarted weftd puts it where it was.</summary>
    public static string LoopbackFor(string ns, string name)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes($"{ns}/{name}"));
        return $"127.64.{h[0].ToString(CultureInfo.InvariantCulture)}.{(1 + (h[1] % 254)).ToString(CultureInfo.InvariantCulture)}";
    }

    private async Task<Deployed> StartAsync(Gateway g, string name, string address, Uri discoveryAddress, CancellationToken ct)
    {
        await RegisterAsync(g, name, address, ct);
        var dir = Path.Combine(dataDir, "gateways", g.Namespace, name);
        Directory.CreateDirectory(dir);
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
        {
            ProxyProgram(), "--mode", "gateway", "--discovery-address", discoveryAddress.ToString().TrimEnd('/'),
            "--name", name, "--namespace", g.Namespace, "--service-account", name, "--address", address, "--admin-address", $"{address}:15000",
            "--labels", $"{GatewayApiConverter.GatewayNameLabel}={g.Name}", "--data-dir", Path.Combine(dir, "proxy"), "--kind", "Process",
            "--reconnect-initial-ms", "200", "--reconnect-max-ms", "2000",
        })
            psi.ArgumentList.Add(a);
        if (Certificates is { } certificates)
            foreach (var a in await certificates(g.Namespace, name, dir, ct))
                psi.ArgumentList.Add(a);
        var logFile = new StreamWriter(new FileStream(Path.Combine(dir, "proxy.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start weft-proxy for Gateway {g.Namespace}/{g.Name}");
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (logFile)
                logFile.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => { lock (logFile) logFile.Dispose(); }, TaskScheduler.Default);
        LogStarted(log, g.Namespace, g.Name, name, address, process.Id);
        return new Deployed(g.Namespace, name, address, process);
    }

    private async Task RegisterAsync(Gateway g, string name, string address, CancellationToken ct)
    {
        var entry = new JsonObject
        {
            ["apiVersion"] = "networking.istio.io/v1",
            ["kind"] = "WorkloadEntry",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = g.Namespace,
                ["annotations"] = new JsonObject { [DeployedBy] = "weftd", ["weft.io/gateway"] = "true" },
            },
            ["spec"] = new JsonObject
            {
                ["address"] = address,
                ["serviceAccount"] = name,
                ["labels"] = new JsonObject { [GatewayApiConverter.GatewayNameLabel] = g.Name },
            },
        };
        await resources.ApplyAsync(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(entry) }, dryRun: false, ct);
    }

    private async Task StopAsync(Deployed d, bool unregister, CancellationToken ct)
    {
        if (!d.Process.HasExited)
        {
            // SIGTERM lets the proxy drain its listeners.
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", d.Process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
                kill?.WaitForExit();
            await d.Process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!d.Process.HasExited)
                d.Process.Kill(entireProcessTree: true);
        }
        LogStopped(log, d.Namespace, d.Name, d.Process.HasExited ? d.Process.ExitCode : -1);
        d.Process.Dispose();
        if (!unregister || resources.Registry.Find("networking.istio.io", "WorkloadEntry") is not { } kind)
            return;
        try
        {
            await resources.DeleteAsync(ResourceType.Of(kind), d.Namespace, d.Name, null, ct);
        }
        catch (ApiException)
        {
            // Already gone.
        }
    }

    /// <summary>weft-proxy beside weftd when installed together, else in the build tree (artifacts/bin/Weft.Proxy/CONFIG/); WEFT_PROXY names a dll.</summary>
    private static string ProxyProgram()
    {
        if (Environment.GetEnvironmentVariable("WEFT_PROXY") is { Length: > 0 } explicitPath)
            return explicitPath;
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var sibling = Path.Combine(here, "weft-proxy.dll");
        if (File.Exists(sibling))
            return sibling;
        var built = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here)) ?? "", "Weft.Proxy", Path.GetFileName(here), "weft-proxy.dll");
        return File.Exists(built) ? built : throw new InvalidOperationException($"cannot find weft-proxy.dll beside weftd ({here}) or in the build output; set WEFT_PROXY");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        List<Deployed> all;
        lock (_running)
        {
            all = [.. _running.Values];
            _running.Clear();
        }
        // The WorkloadEntries stay: a restarted weftd finds them and starts the same gateways on the same addresses.
        foreach (var d in all)
            await StopAsync(d, unregister: false, CancellationToken.None);
        _stop.Dispose();
    }

    [LoggerMessage(1810, LogLevel.Information, "Started gateway {Name} for Gateway {Namespace}/{Gateway} on {Address} (pid {Pid})")]
    private static partial void LogStarted(ILogger log, string @namespace, string gateway, string name, string address, int pid);

    [LoggerMessage(1811, LogLevel.Information, "Stopped gateway {Namespace}/{Name} (exit code {ExitCode})")]
    private static partial void LogStopped(ILogger log, string @namespace, string name, int exitCode);

    [LoggerMessage(1812, LogLevel.Error, "Gateway deployment failed; it runs again on the next change")]
    private static partial void LogFailed(ILogger log, Exception ex);
}
