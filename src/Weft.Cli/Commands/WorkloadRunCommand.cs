using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// <c>weft workload run NAME -n NS --labels app=cars,version=v2 [--service-account SA]
/// [--kind VirtualMachine|Container|Process] [--port 8000 ...] [--sidecar[=true|false]] [--env K=V ...]
/// [--discovery-address URL] [--detach] -- COMMAND...</c>: runs an app as a mesh workload with a
/// <see cref="WorkloadSupervisor"/> until Ctrl-C, SIGTERM or <c>weft workload stop</c>.
/// </summary>
public static class WorkloadRunCommand
{
    /// <summary>weftd's TLS port: sidecars connect with the workload certificate a bootstrap token got them.</summary>
    public const string DefaultDiscovery = "https://127.0.0.1:15012";

    public static Command Create(CliEnvironment env)
    {
        var name = new Argument<string>("NAME") { Description = "The workload's name (its WorkloadEntry's)" };
        var command = new Argument<string[]>("COMMAND") { Description = "The app to run, after --; `weft-samples SERVICE` runs a sample app", Arity = ArgumentArity.OneOrMore };
        var ns = CommonOptions.Namespace();
        var labels = new Option<string?>("--labels", "-l") { Description = "Workload labels, k=v,k=v (app and version, as on a pod)" };
        var sa = new Option<string>("--service-account", "-s") { Description = "The identity it runs as", DefaultValueFactory = _ => "default" };
        var kind = new Option<string>("--kind") { Description = "VirtualMachine, Container or Process (shown, never treated differently)", DefaultValueFactory = _ => "VirtualMachine" };
        kind.AcceptOnlyFromAmong([.. WorkloadSpec.Kinds]);
        var ports = new Option<int[]>("--port", "-p") { Description = "A port the workload serves (repeatable); the first is the app's PORT", AllowMultipleArgumentsPerToken = false };
        var sidecar = new Option<bool?>("--sidecar") { Description = "true: always a sidecar; false: never (sidecar.istio.io/inject); unset: as the namespace's mesh membership says" };
        var envs = new Option<string[]>("--env", "-e") { Description = "K=V for the app's environment (repeatable)", AllowMultipleArgumentsPerToken = false };
        var discovery = new Option<string?>("--discovery-address") { Description = $"Where sidecars get their config (default: the client config's, else {DefaultDiscovery})" };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run in the background until `weft workload stop NAME -n NS`" };
        var annotationOption = new Option<string[]>("--annotation", "-a") { Description = "K=V for its WorkloadEntry (repeatable), e.g. traffic.sidecar.istio.io/excludeOutboundPorts=5432 to shape netns interception", AllowMultipleArgumentsPerToken = false };
        var isolation = new Option<string>("--isolation") { Description = "loopback: a 127.x address of its own, the sidecar as HTTP proxy; netns (root): a network namespace of its own with transparent interception", DefaultValueFactory = _ => WorkloadSpec.LoopbackIsolation };
        isolation.AcceptOnlyFromAmong([.. WorkloadSpec.Isolations]);
        var run = new Command("run", "Run an app as a mesh workload: its own address, a sidecar, a WorkloadEntry, restarts") { name, command, ns, labels, sa, kind, ports, sidecar, envs, discovery, detach, isolation, annotationOption };
        run.SetAction(async (r, ct) =>
        {
            var config = CommonOptions.Config(r, env);
            var errors = new List<string>();
            var environment = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var e in r.GetValue(envs) ?? [])
            {
                var eq = e.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    errors.Add($"cannot parse \"{e}\" for --env: expected NAME=VALUE");
                else
                    environment[e[..eq]] = e[(eq + 1)..];
            }
            var spec = new WorkloadSpec
            {
                Name = r.GetValue(name)!,
                Namespace = r.GetValue(ns) ?? config.Namespace,
                Labels = WorkloadSpec.ParsePairs(r.GetValue(labels), "--labels", errors),
                ServiceAccount = r.GetValue(sa)!,
                Kind = r.GetValue(kind)!,
                Ports = [.. r.GetValue(ports) ?? []],
                Sidecar = r.GetValue(sidecar),
                Command = [.. r.GetValue(command) ?? []],
                Environment = environment.ToImmutable(),
                Isolation = r.GetValue(isolation)!,
                Annotations = Annotations(r.GetValue(annotationOption), errors),
            };
            // A network namespace's rules send everything to the sidecar: it always has one.
            if (spec.Isolation == WorkloadSpec.NetnsIsolation && spec.Sidecar is null)
                spec = spec with { Sidecar = true };
            errors.AddRange(spec.Validate());
            if (errors.Count > 0)
                throw new CliException(string.Join("\nerror: ", errors), ExitCodes.BadInput);
            var discoveryAddress = r.GetValue(discovery) ?? config.Discovery ?? DefaultDiscovery;
            return r.GetValue(detach)
                ? await DetachAsync(env, spec, config, discoveryAddress, ct)
                : await ForegroundAsync(env, spec with { Command = [.. WorkloadRuntime.ResolveCommand(env, spec.Command)] }, config, discoveryAddress, ct);
        });
        return run;
    }

    /// <summary>Each <c>--annotation K=V</c> on its own: values may hold commas (IP range and port lists).</summary>
    private static ImmutableSortedDictionary<string, string> Annotations(string[]? given, List<string> errors)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var a in given ?? [])
        {
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                errors.Add($"cannot parse \"{a}\" for --annotation: expected KEY=VALUE");
            else
                b[a[..eq]] = a[(eq + 1)..];
        }
        return b.ToImmutable();
    }

    private static async Task<int> ForegroundAsync(CliEnvironment env, WorkloadSpec spec, Config.ClientConfig config, string discovery, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // `weft workload stop` sends SIGTERM: stop as cleanly as on Ctrl-C.
        void Stop(PosixSignalContext c)
        {
            c.Cancel = true;
            stop.Cancel();
        }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var dir = WorkloadHome.DirectoryOf(env, spec.Namespace, spec.Name);
        Directory.CreateDirectory(dir);
        var gate = new object();
        void Say(string line)
        {
            lock (gate)
                env.Out.WriteLine(line);
        }
        var sidecarLog = Path.Combine(dir, "sidecar.log");
        await using var runtime = WorkloadRuntime.Create(env, config, discovery, WorkloadHome.Root(env), Say,
            (_, what) => what == "app" ? Say : line =>
            {
                lock (gate)
                    File.AppendAllText(sidecarLog, line + "\n");
            });
        await runtime.View.FirstReadAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(30), stop.Token)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        WorkloadSupervisor supervisor;
        try
        {
            supervisor = await WorkloadSupervisor.StartAsync(spec, runtime.Settings, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        WorkloadHome.WriteSupervisor(env, spec.Namespace, spec.Name, Environment.ProcessId, config.Server);
        Say($"Workload {spec.Id} ({spec.Kind}) is running at {supervisor.Address}; sidecar log: {sidecarLog}. Ctrl-C or `weft workload stop {spec.Name} -n {spec.Namespace}` stops it.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await supervisor.DisposeAsync();
        File.Delete(WorkloadHome.SupervisorFile(env, spec.Namespace, spec.Name));
        Say($"Workload {spec.Id} stopped.");
        return ExitCodes.Ok;
    }

    /// <summary>Starts this same command without --detach in a session of its own, and waits until the workload runs.</summary>
    private static async Task<int> DetachAsync(CliEnvironment env, WorkloadSpec spec, Config.ClientConfig config, string discovery, CancellationToken ct)
    {
        var running = WorkloadHome.LiveSupervisors(env).FirstOrDefault(s => s.Namespace == spec.Namespace && s.Name == spec.Name);
        if (running.Pid > 0)
            throw new CliException($"workload {spec.Id} is already running (pid {running.Pid}); `weft workload stop {spec.Name} -n {spec.Namespace}` stops it");
        var dir = WorkloadHome.DirectoryOf(env, spec.Namespace, spec.Name);
        Directory.CreateDirectory(dir);
        var log = Path.Combine(dir, "supervisor.log");
        File.WriteAllText(log, "");
        var args = new List<string> { "workload", "run", spec.Name, "-n", spec.Namespace, "--service-account", spec.ServiceAccount, "--kind", spec.Kind, "--discovery-address", discovery, "--server", config.Server };
        if (!spec.Labels.IsEmpty)
            args.AddRange(["--labels", string.Join(",", spec.Labels.Select(kv => $"{kv.Key}={kv.Value}"))]);
        foreach (var p in spec.Ports)
            args.AddRange(["--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (spec.Sidecar is { } s)
            args.Add($"--sidecar={(s ? "true" : "false")}");
        if (spec.Isolation != WorkloadSpec.LoopbackIsolation)
            args.AddRange(["--isolation", spec.Isolation]);
        foreach (var (k, v) in spec.Environment)
            args.AddRange(["--env", $"{k}={v}"]);
        foreach (var (k, v) in spec.Annotations)
            args.AddRange(["--annotation", $"{k}={v}"]);
        args.Add("--");
        args.AddRange(spec.Command);
        var script = "log=\"$1\"; shift; exec \"$@\" >> \"$log\" 2>&1 < /dev/null";
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "-f", "sh", "-c", script, "sh", log, "dotnet", typeof(WeftCli).Assembly.Location }.Concat(args))
            psi.ArgumentList.Add(a);
        // The token goes by environment, never on a command line other users can read.
        psi.Environment["WEFT_TOKEN"] = config.Token ?? "";
        psi.Environment["HOME"] = env.Home;
        using (var launcher = Process.Start(psi) ?? throw new CliException("could not start the workload supervisor (setsid)"))
            await launcher.WaitForExitAsync(ct);
        // A sidecar's first start can take a while on a busy machine (certificate, first snapshot).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
            var text = await WorkloadHome.ReadSharedAsync(log, ct);
            if (text.Contains($"Workload {spec.Id} (", StringComparison.Ordinal))
            {
                var line = text.Split('\n').First(l => l.StartsWith($"Workload {spec.Id} (", StringComparison.Ordinal));
                var pid = WorkloadHome.LiveSupervisors(env).FirstOrDefault(x => x.Namespace == spec.Namespace && x.Name == spec.Name).Pid;
                await env.Out.WriteLineAsync($"{line.Split(';')[0]} in the background (pid {pid}, log {log}).");
                await env.Out.WriteLineAsync($"`weft workload stop {spec.Name} -n {spec.Namespace}` stops it.");
                return ExitCodes.Ok;
            }
            if (text.Contains("error:", StringComparison.Ordinal) || text.Contains($"Workload {spec.Id} stopped", StringComparison.Ordinal))
                throw new CliException($"workload {spec.Id} did not start; its supervisor's log ({log}) says:\n{text.TrimEnd()}");
        }
        throw new CliException($"workload {spec.Id} was not running within 180s; see {log}");
    }
}
