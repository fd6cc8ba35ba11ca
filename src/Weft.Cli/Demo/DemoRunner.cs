using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Weft.Cli.Config;
using Weft.Cli.Workloads;

namespace Weft.Cli.Demo;

/// <summary>
/// `weft demo`: weftd on a store of its own (~/.weft/demo/data, started fresh each time), the
/// Travel Booking application's ten workloads under supervisors in this process, load flowing,
/// and a guide to the lab steps; Ctrl-C (or SIGTERM) stops every process it started, and any
/// workload a lab script detached against it, and puts the previous client config back.
/// </summary>
public sealed class DemoRunner(CliEnvironment env, string listen)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Lock _say = new();

    private void Say(string line)
    {
        lock (_say)
            env.Out.WriteLine(line);
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Stop(PosixSignalContext c)
        {
            c.Cancel = true;
            stop.Cancel();
        }
        // SIGTERM as Ctrl-C; SIGINT here too, for a demo started where Ctrl-C is not wired to the console.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        if (DemoState.Running(env) is { } running)
            throw new CliException($"a demo is already running (pid {running.Pid}, {running.Server}); stop it with Ctrl-C in its terminal, or `kill {running.Pid}`");
        var root = DemoState.Root(env);
        // Fresh every time: the lab starts from workloads without sidecars and no routing rules.
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        using var logs = new LogFiles(Path.Combine(root, "logs"));
        var previousConfig = File.Exists(ClientConfig.PathIn(env)) ? await File.ReadAllTextAsync(ClientConfig.PathIn(env), ct) : null;

        Say("Starting the Weft demo: the control plane, then the Travel Booking application (10 workloads).");
        await using var weftd = await StartWeftdAsync(Path.Combine(root, "data"), logs, stop.Token);
        var config = (ClientConfig.Load(env) ?? new ClientConfig()) with { Server = weftd.Server, Token = weftd.Token, DataDir = weftd.DataDir, Discovery = weftd.Discovery };
        config.Save(env);
        new DemoState(Environment.ProcessId, weftd.Server, weftd.Discovery).Save(env);
        var supervisors = new List<WorkloadSupervisor>();
        var childEnv = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Ten apps and ten sidecars on one laptop: workstation GC keeps each one small.
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCgen0size"] = "0x400000",
            ["DOTNET_TieredPGO"] = "0",
            // No second, writable mapping of every JIT-compiled page (W^X): about 20 MB less per process.
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
        var runtime = WorkloadRuntime.Create(env, config, weftd.Discovery, Path.Combine(root, "workloads"), line => logs.For("supervisor")(line),
            (w, what) => logs.For($"{w.Namespace}.{w.Name}.{what}"), childEnv);
        try
        {
            await runtime.Api.ApplyAsync(TravelDemo.Objects(meshed: false).Append(TravelDemo.MeshSettings(new Uri(weftd.Server))), stop.Token);
            await runtime.View.RefreshAsync(stop.Token);
            var specs = TravelDemo.Workloads().Select(w => w with { Command = [.. WorkloadRuntime.ResolveCommand(env, w.Command)] }).ToList();
            var starting = specs.Select(s => WorkloadSupervisor.StartAsync(s, runtime.Settings, stop.Token)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                supervisors.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
            var travels = supervisors.First(s => s.Spec.Name == "travels-vm");
            var control = supervisors.First(s => s.Spec.Name == "control-vm");
            var portal = supervisors.First(s => s.Spec.Name == "travels");
            // The labs' ingress gateways (gateway-shared, istio-ingressgateway), so both ways of exposing the dashboard apply verbatim.
            await using var gateways = await Commands.GatewayDemo.StartAsync(env, config, weftd.Discovery, logs.For("gateways"), stop.Token);
            await WaitForQuoteAsync(travels.Address, stop.Token);
            Say(Guide.Text(weftd.Server, control.Address, portal.Address, started.Elapsed, logs.Directory, gateways));
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            Say("Stopping the demo...");
            await Task.WhenAll(supervisors.Select(s => s.StopAsync()));
            await StopDetachedAsync(weftd.Server);
            await runtime.DisposeAsync();
            await weftd.DisposeAsync();
            File.Delete(DemoState.FilePath(env));
            if (previousConfig is null)
                File.Delete(ClientConfig.PathIn(env));
            else
                await File.WriteAllTextAsync(ClientConfig.PathIn(env), previousConfig, CancellationToken.None);
            Say("Demo stopped: every process it started has exited.");
        }
        return ExitCodes.Ok;
    }

    /// <summary>Workloads a lab script started with `weft workload run --detach` against this demo stop with it.</summary>
    private async Task StopDetachedAsync(string server)
    {
        var detached = WorkloadHome.LiveSupervisors(env).Where(s => s.Server == server).ToList();
        await Task.WhenAll(detached.Select(async d =>
        {
            if (!await WorkloadHome.TerminateAsync(d.Pid, TimeSpan.FromSeconds(20), CancellationToken.None))
            {
                ChildProcess.Signal(d.Pid, 9);
                Say($"workload {d.Namespace}/{d.Name} (pid {d.Pid}) did not stop within 20s; killed it");
            }
        }));
    }

    private async Task WaitForQuoteAsync(string travelsAddress, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var r = await http.GetAsync(new Uri($"http://{travelsAddress}:8000/travels/London"), ct);
                last = $"HTTP {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync(ct)}";
                if (r.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "no answer within 5s";
            }
            await Task.Delay(200, ct);
        }
        throw new CliException($"travels-vm served no London quote within {StartTimeout.TotalSeconds:0}s (last: {last}); the logs are in {DemoState.Root(env)}/logs");
    }

    private async Task<Weftd> StartWeftdAsync(string dataDir, LogFiles logs, CancellationToken ct)
    {
        // weftd's TLS port: sidecars get their config there with their workload certificates.
        const string discoveryMarker = "Discovery and certificates (TLS 1.3: push to proxies with workload certificates, bootstrap tokens, renewals) listening on ";
        var log = logs.For("weftd");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var discovery = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string line)
        {
            log(line);
            var at = line.IndexOf("weftd listening on ", StringComparison.Ordinal);
            if (at >= 0)
                ready.TrySetResult(line[(at + "weftd listening on ".Length)..].Trim());
            at = line.IndexOf(discoveryMarker, StringComparison.Ordinal);
            if (at >= 0)
                discovery.TrySetResult(line[(at + discoveryMarker.Length)..].Trim());
        }
        // A session of its own: the terminal's Ctrl-C reaches the demo, which stops weftd last,
        // after every workload has removed its registration. (setsid execs: same pid.) Out of the
        // demo's process group, weftd also watches the demo's pid, so a demo killed outright
        // (SIGKILL) leaves no control plane behind.
        var process = ChildProcess.Start("control plane", ["setsid", "dotnet", ProgramLocator.Weftd(env), "--data-dir", dataDir, "--listen", listen, "--discovery-listen", "127.0.0.1:0",
                "--exit-with", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { ["DOTNET_gcServer"] = "0", ["DOTNET_EnableWriteXorExecute"] = "0" }, OnLine);
        var both = Task.WhenAll(ready.Task, discovery.Task);
        var first = await Task.WhenAny(both, process.Exited, Task.Delay(StartTimeout, ct));
        if (first != both)
        {
            var exited = first == process.Exited;
            var code = exited ? process.ExitCode : 0;
            await process.DisposeAsync();
            ct.ThrowIfCancellationRequested();
            throw new CliException(exited
                ? $"weftd exited with code {code} before it was ready (is another control plane using {listen}? `weft down` stops one started with `weft up`); its log: {logs.Directory}/weftd.log"
                : $"weftd was not ready within {StartTimeout.TotalSeconds:0}s; its log: {logs.Directory}/weftd.log");
        }
        var token = (await File.ReadAllTextAsync(Path.Combine(dataDir, "token"), ct)).Trim();
        return new Weftd(process, ready.Task.Result, discovery.Task.Result, token, dataDir);
    }

    private sealed record Weftd(ChildProcess Process, string Server, string Discovery, string Token, string DataDir) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    private static class Guide
    {
        public static string Text(string server, string control, string portal, TimeSpan elapsed, string logs, Commands.GatewayDemo gateways) => string.Create(CultureInfo.InvariantCulture, $"""

            Travel Booking is running: 10 workloads (VMs and containers), no sidecars yet, portals sending load.
            Serving quotes {elapsed.TotalSeconds:0.0} s after start.

              Control plane (REST API)   {server}   (token in ~/.weft/config: weft commands in any terminal use it)
              Weft console               {server}/console/   (sign in with that token: traffic graph, workloads, Istio config)
              Travel Control dashboard   http://{control}:8080/console   (the portals' request rates)
              Ingress gateways           http://{gateways.SharedAddress}/   gateway-shared (istio-gateway): the lab's HTTPRoute attaches here
                                         http://{gateways.IngressAddress}/   istio-ingressgateway (istio-system): Istio Gateway + VirtualService
              Logs                       {logs}/

            Try next, in another terminal (the OpenShift Service Mesh VM labs, step by step):
              ./weft get workloads -A                    # VMs and containers side by side; SIDECAR says no
              ./weft workload exec travels -n travel-portal -- curl -s http://travels-vm.travel-agency:8000/travels/London
              ./weft demo mesh                           # lab 3: every namespace joins the mesh, every workload gets a sidecar
              ./weft proxy-status                        # the sidecars and the config they run
              samples/labs/multipleversions-for-car-vm-in-the-mesh.sh 90 10   # lab 4: cars-vm v2 canary (then 20 80)
              samples/labs/circuit-breaker.sh            # lab 4: a failing cars v2 is ejected by outlier detection
              ./weft apply -f samples/labs/authorization/allow-nothing.yaml   # lab 5: deny everything, then allow by principal
            (samples/labs/README.md explains each step.)

            Ctrl-C stops everything.
            """);
    }
}
