using System.CommandLine;
using System.Diagnostics;
using Weft.Cli.Config;
using Weft.Cli.Workloads;

namespace Weft.Cli.Commands;

/// <summary>
/// `weft up [--data-dir DIR] [--listen ADDR:PORT] [--prometheus-url URL] [--service-cluster-ip-range CIDR] [--detach]` starts the control plane (weftd),
/// writes the client config (~/.weft/config) and says where it listens. `weft down` stops a
/// detached one. Everything lives under HOME, so two users (or two tests) never share anything.
/// </summary>
public static class UpCommand
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliEnvironment env)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the store, token and keys live (default ~/.weft/data)" };
        var listen = new Option<string>("--listen")
        {
            Description = "Address and port of the REST API and console (loopback unless told otherwise)",
            DefaultValueFactory = _ => "127.0.0.1:20001",
        };
        var detach = new Option<bool>("--detach", "-d") { Description = "Run in the background until `weft down`" };
        var prometheus = new Option<string?>("--prometheus-url")
        {
            Description = "Answer the console's graph and metrics from this Prometheus (PromQL over its HTTP API), for windows beyond weftd's own hour",
        };
        var clusterIPRange = new Option<string?>("--service-cluster-ip-range")
        {
            Description = "The IPv4 block Services created without spec.clusterIP get one from (default 10.96.0.0/12, as kubeadm's)",
        };
        var command = new Command("up", "Start the control plane (foreground, or in the background with --detach)") { dataDir, listen, prometheus, clusterIPRange, detach };
        command.SetAction((r, ct) =>
        {
            var dir = Path.GetFullPath(r.GetValue(dataDir) ?? Path.Combine(env.WeftHome, "data"));
            // weftd checks the URL itself and names what is wrong with it.
            string[] extra = r.GetValue(prometheus) is { } url ? ["--prometheus-url", url] : [];
            if (r.GetValue(clusterIPRange) is { } cidr)
                extra = [.. extra, "--service-cluster-ip-range", cidr];
            return r.GetValue(detach) ? DetachAsync(env, dir, r.GetValue(listen)!, extra, ct) : ForegroundAsync(env, dir, r.GetValue(listen)!, extra, ct);
        });
        return command;
    }

    public static Command CreateDown(CliEnvironment env)
    {
        var command = new Command("down", "Stop the control plane started with `weft up --detach`");
        command.SetAction(async (_, ct) =>
        {
            var pidFile = PidFile(env);
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || !WorkloadHome.IsAlive(pid))
            {
                File.Delete(pidFile);
                await env.Out.WriteLineAsync("No detached control plane is running.");
                return ExitCodes.Ok;
            }
            ChildProcess.Signal(pid, 15);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (WorkloadHome.IsAlive(pid) && DateTime.UtcNow < deadline)
                await Task.Delay(100, ct);
            if (WorkloadHome.IsAlive(pid))
            {
                ChildProcess.Signal(pid, 9);
                await env.Error.WriteLineAsync($"weftd (pid {pid}) did not stop within 15s; killed it");
            }
            File.Delete(pidFile);
            await env.Out.WriteLineAsync($"Weft control plane stopped (pid {pid}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string PidFile(CliEnvironment env) => Path.Combine(env.WeftHome, "weftd.pid");

    private static string LogFile(CliEnvironment env) => Path.Combine(env.WeftHome, "weftd.log");

    private static async Task<int> ForegroundAsync(CliEnvironment env, string dataDir, string listen, string[] extra, CancellationToken ct)
    {
        var weftd = ProgramLocator.Weftd(env);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { weftd, "--data-dir", dataDir, "--listen", listen }.Concat(extra))
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new CliException("could not start weftd");
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            if (ReadyAddress(e.Data) is { } address)
                ready.TrySetResult(address);
            else
                env.Out.WriteLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                env.Error.WriteLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(CancellationToken.None);
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout, CancellationToken.None));
        if (first != ready.Task)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            throw new CliException(process.HasExited ? $"weftd exited with code {process.ExitCode} before it was ready (its messages are above)" : $"weftd was not ready within {StartTimeout.TotalSeconds:0}s");
        }
        var server = await ready.Task;
        await WriteClientConfigAsync(env, server, dataDir);
        await env.Out.WriteLineAsync($"Weft control plane listening on {server} (data: {dataDir}). Press Ctrl-C to stop.");
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: stop weftd gracefully, as systemd would.
            ChildProcess.Signal(process.Id, 15);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            return ExitCodes.Ok;
        }
        return process.ExitCode;
    }

    private static async Task<int> DetachAsync(CliEnvironment env, string dataDir, string listen, string[] extra, CancellationToken ct)
    {
        var pidFile = PidFile(env);
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var running) && WorkloadHome.IsAlive(running))
        {
            var existing = ClientConfig.Load(env);
            await env.Out.WriteLineAsync($"Weft control plane is already running (pid {running}) at {existing?.Server ?? "?"}; `weft down` stops it.");
            return ExitCodes.Ok;
        }
        Directory.CreateDirectory(env.WeftHome);
        var weftd = ProgramLocator.Weftd(env);
        var log = LogFile(env);
        File.WriteAllText(log, "");
        // setsid: the control plane outlives this command and its terminal; `exec` keeps the pid.
        var script = "echo $$ > \"$1\"; shift; log=\"$1\"; shift; exec \"$@\" >> \"$log\" 2>&1 < /dev/null";
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "-f", "sh", "-c", script, "sh", pidFile, log, "dotnet", weftd, "--data-dir", dataDir, "--listen", listen }.Concat(extra))
            psi.ArgumentList.Add(a);
        using (var launcher = Process.Start(psi) ?? throw new CliException("could not start weftd (setsid)"))
            await launcher.WaitForExitAsync(ct);
        var deadline = DateTime.UtcNow + StartTimeout;
        string? server = null;
        while (DateTime.UtcNow < deadline)
        {
            var text = File.Exists(log) ? await WorkloadHome.ReadSharedAsync(log, ct) : "";
            server = text.Split('\n').Select(ReadyAddress).FirstOrDefault(a => a is not null);
            if (server is not null)
                break;
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && !WorkloadHome.IsAlive(pid))
                throw new CliException($"weftd exited before it was ready; its log ({log}) says:\n{text.TrimEnd()}");
            await Task.Delay(100, ct);
        }
        if (server is null)
            throw new CliException($"weftd was not ready within {StartTimeout.TotalSeconds:0}s; see {log}");
        await WriteClientConfigAsync(env, server, dataDir);
        var pidText = File.ReadAllText(pidFile).Trim();
        await env.Out.WriteLineAsync($"Weft control plane listening on {server} (pid {pidText}, data: {dataDir}, log: {log}).");
        await env.Out.WriteLineAsync("Next: weft apply -f FILE_OR_DIR, weft get vs -A, weft analyze; `weft down` stops it.");
        return ExitCodes.Ok;
    }

    private static async Task WriteClientConfigAsync(CliEnvironment env, string server, string dataDir)
    {
        var tokenFile = Path.Combine(dataDir, "token");
        var token = File.Exists(tokenFile) ? (await File.ReadAllTextAsync(tokenFile)).Trim() : null;
        var previous = ClientConfig.Load(env) ?? new ClientConfig();
        (previous with { Server = server, Token = token, DataDir = dataDir }).Save(env);
    }

    /// <summary>weftd announces readiness with exactly one line: <c>weftd listening on http://ADDR:PORT</c>.</summary>
    private static string? ReadyAddress(string line)
    {
        const string marker = "weftd listening on ";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : line[(at + marker.Length)..].Trim();
    }
}
