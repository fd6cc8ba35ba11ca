using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Weft.Testing;

/// <summary>
/// A real child process for a test: output captured line by line, waits for a line to appear,
/// and killed with its children on dispose, so no test leaves a process behind.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StringBuilder _all = new();
    private readonly object _gate = new();

    private ManagedProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything written to stdout and stderr so far, interleaved as it arrived.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
                return _all.ToString();
        }
    }

    /// <summary>Starts <c>dotnet DLL args</c> (or any program when <paramref name="program"/> is not a .dll).</summary>
    public static ManagedProcess Start(string program, IEnumerable<string> args, IDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo
        {
            FileName = program.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (program.EndsWith(".dll", StringComparison.Ordinal))
            psi.ArgumentList.Add(program);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                if (v is null)
                    psi.Environment.Remove(k);
                else
                    psi.Environment[k] = v;
            }
        }
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var mp = new ManagedProcess(p);
        p.OutputDataReceived += (_, e) => mp.OnLine(e.Data);
        p.ErrorDataReceived += (_, e) => mp.OnLine(e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return mp;
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        _lines.Enqueue(line);
        lock (_gate)
            _all.AppendLine(line);
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears; fails with the output so far when it does not.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in Output.Split('\n'))
                if (line.Contains(text, StringComparison.Ordinal))
                    return line.TrimEnd('\r');
            if (_process.HasExited)
            {
                // Give the output readers a moment to drain.
                await Task.Delay(100, ct);
                foreach (var line in Output.Split('\n'))
                    if (line.Contains(text, StringComparison.Ordinal))
                        return line.TrimEnd('\r');
                throw new InvalidOperationException($"process exited with {_process.ExitCode} before printing \"{text}\". Output:\n{Output}");
            }
            await Task.Delay(50, ct);
        }
        throw new TimeoutException($"\"{text}\" did not appear within {timeout}. Output:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"process did not exit within {timeout}. Output:\n{Output}");
        }
        _process.WaitForExit(); // flushes the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (a graceful stop), as systemd or Ctrl-C would.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
            _ = Signal(_process.Id, "TERM");
    }

    /// <summary>SIGKILL: the process gets no chance to clean up (crash tests).</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    public void WriteStdin(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Flush();
    }

    public void CloseStdin() => _process.StandardInput.Close();

    private static bool Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false });
        kill?.WaitForExit();
        return kill?.ExitCode == 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                Terminate();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        _process.Dispose();
    }
}

/// <summary>Runs a command to completion and returns its exit code and output.</summary>
public static class Run
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Output => StdOut + StdErr;
    }

    public static async Task<Result> CommandAsync(string program, IEnumerable<string> args, IDictionary<string, string?>? env = null,
        string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo
        {
            FileName = program.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (program.EndsWith(".dll", StringComparison.Ordinal))
            psi.ArgumentList.Add(program);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                if (v is null)
                    psi.Environment.Remove(k);
                else
                    psi.Environment[k] = v;
            }
        }
        using var p = Process.Start(psi)!;
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in time");
        }
        return new Result(p.ExitCode, await outTask, await errTask);
    }
}
