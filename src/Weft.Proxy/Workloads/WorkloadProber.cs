using System.Text.Json;
using Weft.Discovery.Codec;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Workloads;

/// <summary>
/// Runs the WorkloadGroup probe each snapshot carries against the app (Istio's agent on a VM):
/// after the initial delay, once a period; the workload turns healthy after
/// <c>successThreshold</c> successes in a row and unhealthy after <c>failureThreshold</c>
/// failures in a row (its first result decides at once, since it was never ready). Every
/// transition is logged with its reason and reported (<see cref="Reported"/>: the push stream
/// hands it to the control plane, which sets the WorkloadEntry's Healthy condition). A snapshot
/// with another probe restarts the loop; one without stops it.
/// </summary>
public sealed partial class WorkloadProber(NodeInfo node, TimeProvider time, ILogger<WorkloadProber> log) : IAsyncDisposable
{
    private readonly ProbeRunner _runner = new(node);
    private readonly Lock _gate = new();
    private string? _probeJson;
    private CancellationTokenSource? _loopStop;
    private Task _loop = Task.CompletedTask;
    private WorkloadHealthState _state = WorkloadHealthState.None;

    /// <summary>Raised on every transition (and not otherwise), from the probe loop.</summary>
    public event Action<WorkloadHealthReport>? Reported;

    /// <summary>What the admin endpoint shows.</summary>
    public WorkloadHealthState State => Volatile.Read(ref _state);

    /// <summary>The last report, to send after a reconnect; null before the first verdict.</summary>
    public WorkloadHealthReport? Current => State.Report;

    /// <summary>Uses the probe of a newly applied snapshot; the same probe keeps its loop and counts.</summary>
    public void Use(WorkloadProbe? probe)
    {
        var json = probe is null ? null : JsonSerializer.Serialize(probe, SnapshotJsonContext.Default.WorkloadProbe);
        lock (_gate)
        {
            if (json == _probeJson)
                return;
            _probeJson = json;
            _loopStop?.Cancel();
            _loopStop?.Dispose();
            _loopStop = null;
            if (probe is null)
            {
                Volatile.Write(ref _state, WorkloadHealthState.None);
                LogNoProbe(log);
                return;
            }
            Volatile.Write(ref _state, State with { Probe = probe, Target = _runner.Describe(probe), Successes = 0, Failures = 0 });
            LogProbing(log, _runner.Describe(probe), probe.Period.TotalSeconds, probe.FailureThreshold, probe.SuccessThreshold);
            _loopStop = new CancellationTokenSource();
            var ct = _loopStop.Token;
            var previous = _loop;
            _loop = Task.Run(async () =>
            {
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await LoopAsync(probe, ct);
            }, CancellationToken.None);
        }
    }

    private async Task LoopAsync(WorkloadProbe probe, CancellationToken ct)
    {
        try
        {
            if (probe.InitialDelay > TimeSpan.Zero)
                await Task.Delay(probe.InitialDelay, time, ct);
            while (!ct.IsCancellationRequested)
            {
                var started = time.GetTimestamp();
                var result = await _runner.RunAsync(probe, ct);
                Record(probe, result);
                var wait = probe.Period - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Record(WorkloadProbe probe, ProbeResult result)
    {
        var s = State;
        var now = time.GetUtcNow();
        s = result.Success
            ? s with { Successes = s.Successes + 1, Failures = 0, LastResult = result.Detail, LastProbeAt = now }
            : s with { Failures = s.Failures + 1, Successes = 0, LastResult = result.Detail, LastProbeAt = now };
        WorkloadHealthReport? report = null;
        if (result.Success && s.Healthy != true && (s.Healthy is null || s.Successes >= probe.SuccessThreshold))
            report = new(true, s.Successes == 1 ? result.Detail : $"{result.Detail} ({s.Successes} successes in a row)", now);
        else if (!result.Success && s.Healthy != false && (s.Healthy is null || s.Failures >= probe.FailureThreshold))
            report = new(false, s.Failures == 1 ? result.Detail : $"{result.Detail} ({s.Failures} failures in a row)", now);
        if (report is not null)
            s = s with { Report = report, Transitions = s.Transitions + 1 };
        Volatile.Write(ref _state, s);
        if (report is null)
            return;
        if (report.Healthy)
            LogHealthy(log, report.Message);
        else
            LogUnhealthy(log, report.Message);
        Reported?.Invoke(report);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _loopStop?.Cancel();
        }
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _loopStop?.Dispose();
        _runner.Dispose();
    }

    [LoggerMessage(5401, LogLevel.Information, "Probing the workload: {Target} every {PeriodSeconds} s (unhealthy after {Failures} failures, healthy after {Successes} successes)")]
    private static partial void LogProbing(ILogger log, string target, double periodSeconds, int failures, int successes);

    [LoggerMessage(5402, LogLevel.Information, "The snapshot carries no workload probe: not probing")]
    private static partial void LogNoProbe(ILogger log);

    [LoggerMessage(5403, LogLevel.Information, "Workload is now healthy: {Reason}")]
    private static partial void LogHealthy(ILogger log, string reason);

    [LoggerMessage(5404, LogLevel.Warning, "Workload is now unhealthy: {Reason}")]
    private static partial void LogUnhealthy(ILogger log, string reason);
}
