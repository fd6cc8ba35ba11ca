using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft gateway run NAME -n NS [--labels istio=ingressgateway] [--service-account SA]
/// [--listen ADDR] [--port 80 --port 443 ...] [--admin-address IP:PORT] [--detach]</c> runs an
/// ingress or egress gateway (<see cref="GatewayProcess"/>) until Ctrl-C, SIGTERM or
/// <c>weft gateway stop NAME -n NS</c>. Its listeners come from the Istio Gateways and Gateway API
/// Gateways that select it; they bind on --listen (loopback unless told otherwise).
/// </summary>
public static class GatewayCommand
{
    /// <summary>weftd's TLS port: the gateway connects with the workload certificate a bootstrap token got it.</summary>
    public const string DefaultDiscovery = "https://127.0.0.1:15012";

    public static Command Create(CliEnvironment env)
    {
        var name = new Argument<string>("NAME") { Description = "The gateway's name (its WorkloadEntry's)" };
        var ns = CommonOptions.Namespace();
        var labels = new Option<string?>("--labels", "-l")
        {
            Description = "Labels Gateway selectors match, k=v,k=v (default: istio=ingressgateway, and gateway.networking.k8s.io/gateway-name for --for-gateway)",
        };
        var sa = new Option<string?>("--service-account", "-s") { Description = "The identity it runs as (default: NAME, as Istio's gateway deployments)" };
        var listen = new Option<string>("--listen") { Description = "The address its ports bind on", DefaultValueFactory = _ => "127.0.0.1" };
        var ports = new Option<int[]>("--port", "-p") { Description = "A port the gateway serves (repeatable; recorded on its WorkloadEntry)", AllowMultipleArgumentsPerToken = false };
        var admin = new Option<string?>("--admin-address") { Description = "Its admin endpoint (default: LISTEN:15000)" };
        var forGateway = new Option<string?>("--for-gateway") { Description = "Run the Gateway API Gateway of this name in NS (adds the gateway.networking.k8s.io/gateway-name label)" };
        var discovery = new Option<string?>("--discovery-address") { Description = $"Where the proxy gets its config (default: the client config's, else weftd's TLS port {DefaultDiscovery})" };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run in the background until `weft gateway stop NAME -n NS`" };
        var run = new Command("run", "Run an ingress or egress gateway proxy, registered like a workload")
        {
            name, ns, labels, sa, listen, ports, admin, forGateway, discovery, detach,
        };
        run.SetAction(async (r, ct) =>
        {
            var config = CommonOptions.Config(r, env);
            var errors = new List<string>();
            var pairs = ParsePairs(r.GetValue(labels), errors);
            if (r.GetValue(forGateway) is { Length: > 0 } gw)
                pairs[Translation.GatewayNameLabel] = gw;
            else if (r.GetValue(labels) is null)
                pairs["istio"] = "ingressgateway";
            var gatewayName = r.GetValue(name)!;
            var address = r.GetValue(listen)!;
            var spec = new GatewayProcess.GatewaySpec(gatewayName, r.GetValue(ns) ?? config.Namespace, pairs, r.GetValue(sa) ?? gatewayName,
                address, r.GetValue(admin) ?? $"{address}:15000", [.. r.GetValue(ports) ?? []], r.GetValue(discovery) ?? config.Discovery ?? DefaultDiscovery);
            errors.AddRange(spec.Validate());
            if (errors.Count > 0)
                throw new CliException(string.Join("\nerror: ", errors), ExitCodes.BadInput);
            return r.GetValue(detach) ? await DetachAsync(env, spec, config, ct) : await ForegroundAsync(env, spec, config, ct);
        });

        var stopName = new Argument<string>("NAME") { Description = "The gateway to stop" };
        var stopNs = CommonOptions.Namespace();
        var stop = new Command("stop", "Stop a gateway started with `weft gateway run --detach`") { stopName, stopNs };
        stop.SetAction(async (r, ct) =>
        {
            var config = CommonOptions.Config(r, env);
            var id = $"{r.GetValue(stopNs) ?? config.Namespace}/{r.GetValue(stopName)}";
            var pidFile = PidFile(env, r.GetValue(stopNs) ?? config.Namespace, r.GetValue(stopName)!);
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || !WorkloadHome.IsAlive(pid))
                throw new CliException($"no detached gateway {id} is running");
            ChildProcess.Signal(pid, 15);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (WorkloadHome.IsAlive(pid) && DateTime.UtcNow < deadline)
                await Task.Delay(100, ct);
            if (WorkloadHome.IsAlive(pid))
            {
                ChildProcess.Signal(pid, 9);
                await env.Error.WriteLineAsync($"gateway {id} (pid {pid}) did not stop within 30s; killed it");
            }
            File.Delete(pidFile);
            await env.Out.WriteLineAsync($"Gateway {id} stopped.");
            return ExitCodes.Ok;
        });
        return new Command("gateway", "Ingress and egress gateways: weft-proxy in gateway mode") { run, stop };
    }

    /// <summary>Names shared with translation, so the CLI and weftd agree on the automated-deployment label.</summary>
    private static class Translation
    {
        public const string GatewayNameLabel = "gateway.networking.k8s.io/gateway-name";
    }

    private static Dictionary<string, string> ParsePairs(string? text, List<string> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length != 2 || kv[0].Length == 0)
                errors.Add($"cannot parse \"{pair}\" for --labels: expected key=value");
            else
                result[kv[0]] = kv[1];
        }
        return result;
    }

    private static string PidFile(CliEnvironment env, string ns, string name) => Path.Combine(GatewayProcess.DirectoryOf(env, ns, name), "runner.pid");

    private static string ReadyLine(GatewayProcess.GatewaySpec spec) => $"Gateway {spec.Id} is serving on {spec.Listen}";

    private static async Task<int> ForegroundAsync(CliEnvironment env, GatewayProcess.GatewaySpec spec, Config.ClientConfig config, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        using var api = new Http.ApiClient(config);
        await using var gateway = await GatewayProcess.StartAsync(env, api, spec, line => env.Out.WriteLine(line), stop.Token);
        Directory.CreateDirectory(GatewayProcess.DirectoryOf(env, spec.Namespace, spec.Name));
        await File.WriteAllTextAsync(PidFile(env, spec.Namespace, spec.Name), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        var ports = spec.Ports.Count > 0 ? $" (ports {string.Join(", ", spec.Ports)})" : "";
        await env.Out.WriteLineAsync($"{ReadyLine(spec)}{ports}; admin http://{spec.AdminAddress}; proxy log {Path.Combine(GatewayProcess.DirectoryOf(env, spec.Namespace, spec.Name), "proxy.log")}.");
        await env.Out.WriteLineAsync($"Its listeners come from the Gateways that select labels {string.Join(",", spec.Labels.Select(kv => $"{kv.Key}={kv.Value}"))}. Ctrl-C or `weft gateway stop {spec.Name} -n {spec.Namespace}` stops it.");
        try
        {
            await gateway.WaitForExitAsync(stop.Token);
            await env.Error.WriteLineAsync($"error: the gateway proxy of {spec.Id} exited; see its log");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
        }
        File.Delete(PidFile(env, spec.Namespace, spec.Name));
        await env.Out.WriteLineAsync($"Gateway {spec.Id} stopped.");
        return ExitCodes.Ok;
    }

    /// <summary>Starts this same command without --detach in a session of its own, and waits until the gateway serves.</summary>
    private static async Task<int> DetachAsync(CliEnvironment env, GatewayProcess.GatewaySpec spec, Config.ClientConfig config, CancellationToken ct)
    {
        var pidFile = PidFile(env, spec.Namespace, spec.Name);
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var running) && WorkloadHome.IsAlive(running))
            throw new CliException($"gateway {spec.Id} is already running (pid {running}); `weft gateway stop {spec.Name} -n {spec.Namespace}` stops it");
        var dir = GatewayProcess.DirectoryOf(env, spec.Namespace, spec.Name);
        Directory.CreateDirectory(dir);
        var log = Path.Combine(dir, "runner.log");
        File.WriteAllText(log, "");
        var args = new List<string>
        {
            "gateway", "run", spec.Name, "-n", spec.Namespace, "--labels", string.Join(",", spec.Labels.Select(kv => $"{kv.Key}={kv.Value}")),
            "--service-account", spec.ServiceAccount, "--listen", spec.Listen, "--admin-address", spec.AdminAddress,
            "--discovery-address", spec.DiscoveryAddress, "--server", config.Server,
        };
        foreach (var p in spec.Ports)
            args.AddRange(["--port", p.ToString(CultureInfo.InvariantCulture)]);
        var script = "log=\"$1\"; shift; exec \"$@\" >> \"$log\" 2>&1 < /dev/null";
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "-f", "sh", "-c", script, "sh", log, "dotnet", typeof(WeftCli).Assembly.Location }.Concat(args))
            psi.ArgumentList.Add(a);
        // The token goes by environment, never on a command line other users can read.
        psi.Environment["WEFT_TOKEN"] = config.Token ?? "";
        psi.Environment["HOME"] = env.Home;
        using (var launcher = Process.Start(psi) ?? throw new CliException("could not start the gateway runner (setsid)"))
            await launcher.WaitForExitAsync(ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(200);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
            var text = await WorkloadHome.ReadSharedAsync(log, ct);
            if (text.Split('\n').FirstOrDefault(l => l.StartsWith(ReadyLine(spec), StringComparison.Ordinal)) is { } line)
            {
                var pid = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : "?";
                await env.Out.WriteLineAsync($"{line.Split(';')[0]}, in the background (pid {pid}, log {log}).");
                await env.Out.WriteLineAsync($"`weft gateway stop {spec.Name} -n {spec.Namespace}` stops it.");
                return ExitCodes.Ok;
            }
            if (text.Contains("error:", StringComparison.Ordinal))
                throw new CliException($"gateway {spec.Id} did not start; its runner's log ({log}) says:\n{text.TrimEnd()}");
        }
        throw new CliException($"gateway {spec.Id} was not serving within 200s; see {log}");
    }
}
