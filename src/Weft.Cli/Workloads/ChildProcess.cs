using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Weft.Cli.Workloads;

/// <summary>
/// One program a supervisor runs (the app or its sidecar): output handed on line by line, stopped
/// with SIGTERM and, when it does not exit in time, SIGKILL for it and its children.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private int _disposed;

    private ChildProcess(Process process, string what)
    {
        _process = process;
        What = what;
        Exited = process.WaitForExitAsync(CancellationToken.None);
    }

    public int Id => _process.Id;

    /// <summary>"app" or "sidecar", for messages.</summary>
    public string What { get; }

    public Task Exited { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="command"/>; a <c>.dll</c> first word runs under dotnet.</summary>
    public static ChildProcess Start(string what, IReadOnlyList<string> command, IReadOnlyDictionary<string, string?> environment, Action<string> onLine, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo
        {
            FileName = command[0].EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : command[0],
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (command[0].EndsWith(".dll", StringComparison.Ordinal))
            psi.ArgumentList.Add(command[0]);
        foreach (var a in command.Skip(1))
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment)
        {
            if (v is null)
                psi.Environment.Remove(k);
            else
                psi.Environment[k] = v;
        }
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                onLine(e.Data);
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                onLine(e.Data);
        };
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            p.Dispose();
            throw new CliException($"cannot start the {what} \"{command[0]}\": {e.Message}");
        }
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new ChildProcess(p, what);
    }

    /// <summary>SIGTERM, then SIGKILL of the whole tree after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        _ = Kill(_process.Id, SigTerm);
        await Exited.WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in between.
            }
            await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Sends a signal to a process (SIGTERM asks weftd, weft-proxy and the samples to stop gracefully).</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the project; two ints marshal as they are.
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
