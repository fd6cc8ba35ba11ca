using Microsoft.Extensions.Logging;
using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>
/// The proxy's side of the push stream: connects, says hello, and for each snapshot received
/// decodes and validates it, hands it to the target, and ACKs or NACKs (the NACK says why; the
/// target keeps its last good snapshot). Reconnects for ever with back-off and jitter.
/// </summary>
public sealed partial class DiscoveryClient(
    Func<CancellationToken, Task<IDiscoveryConnection>> connect,
    NodeInfo node,
    ISnapshotTarget target,
    DiscoveryClientOptions options,
    TimeProvider time,
    ILogger<DiscoveryClient> log)
{
    private DiscoveryClientStatus _status = new();
    // Health reports are written from the prober's thread while snapshots are answered on the
    // read loop: one writer at a time keeps the frames whole.
    private readonly SemaphoreSlim _write = new(1, 1);
    private IDiscoveryConnection? _connection;
    private WorkloadHealthReport? _health;

    public DiscoveryClientStatus Status => Volatile.Read(ref _status);

    public event Action<DiscoveryClientStatus>? StatusChanged;

    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var receivedAny = false;
            try
            {
                await using var conn = await connect(ct);
                SetStatus(s => s with { Connected = true, Peer = conn.Peer, LastError = null });
                LogConnected(log, conn.Peer);
                await SendAsync(conn, new DiscoveryRequest { Node = node, VersionInfo = target.CurrentVersion ?? "" }, ct);
                Volatile.Write(ref _connection, conn);
                if (Volatile.Read(ref _health) is { } health)
                    await SendAsync(conn, new DiscoveryRequest { Health = health }, ct);
                while (await MessageFraming.ReadAsync(conn.Responses, SnapshotJsonContext.Default.DiscoveryResponse, ct) is { } response)
                {
                    receivedAny = true;
                    failures = 0;
                    await HandleAsync(conn, response, ct);
                }
                LogClosedByServer(log, conn.Peer);
                Volatile.Write(ref _connection, null);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Volatile.Write(ref _connection, null);
                var reason = Describe(e);
                LogStreamFailed(log, reason);
                SetStatus(s => s with { LastError = reason });
            }
            SetStatus(s => s with { Connected = false, Reconnects = s.Reconnects + 1 });
            if (!receivedAny)
                failures++;
            var delay = Backoff(failures);
            LogReconnecting(log, delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, time, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        SetStatus(s => s with { Connected = false });
    }

    private async Task HandleAsync(IDiscoveryConnection conn, DiscoveryResponse response, CancellationToken ct)
    {
        var decoded = SnapshotCodec.Decode(response.Snapshot);
        string? error;
        if (decoded.Snapshot is null)
            error = decoded.ErrorText;
        else if (decoded.Snapshot.Version != response.VersionInfo)
            error = $"version: the snapshot says \"{decoded.Snapshot.Version}\" but the response says \"{response.VersionInfo}\"";
        else
        {
            try
            {
                error = await target.ApplyAsync(decoded.Snapshot, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever the proxy failed on is the NACK's reason; the stream goes on.
                error = $"the proxy failed to apply the snapshot: {Describe(e)}";
            }
        }

        if (error is null)
        {
            await SendAsync(conn, new DiscoveryRequest { VersionInfo = response.VersionInfo, ResponseNonce = response.Nonce }, ct);
            SetStatus(s => s with { LastAckedVersion = response.VersionInfo });
            LogAcked(log, response.VersionInfo, response.Nonce);
        }
        else
        {
            await SendAsync(conn, new DiscoveryRequest { VersionInfo = target.CurrentVersion ?? "", ResponseNonce = response.Nonce, ErrorDetail = error }, ct);
            SetStatus(s => s with { LastNackedVersion = response.VersionInfo, LastNackError = error });
            LogNacked(log, response.VersionInfo, response.Nonce, target.CurrentVersion ?? "none", error);
        }
    }

    /// <summary>
    /// Tells the control plane what the workload's probe concluded: at once when connected, and
    /// after every later hello (the latest report only). A broken stream is the run loop's to notice.
    /// </summary>
    public async Task ReportHealthAsync(WorkloadHealthReport health, CancellationToken ct)
    {
        Volatile.Write(ref _health, health);
        if (Volatile.Read(ref _connection) is not { } conn)
            return;
        try
        {
            await SendAsync(conn, new DiscoveryRequest { Health = health }, ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException)
        {
            // Sent again after the next hello.
        }
    }

    private async Task SendAsync(IDiscoveryConnection conn, DiscoveryRequest request, CancellationToken ct)
    {
        await _write.WaitAsync(ct);
        try
        {
            await MessageFraming.WriteAsync(conn.Requests, request, SnapshotJsonContext.Default.DiscoveryRequest, ct);
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>The message and its causes, so "an error occurred while sending" says which.</summary>
    private static string Describe(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            text += " (" + inner.Message + ")";
        return text;
    }

    /// <summary>Doubling from the initial wait up to the cap; then a random point in its upper half.</summary>
    public TimeSpan Backoff(int failures)
    {
        var ms = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, Math.Min(failures, 30) - 1));
        ms = Math.Min(ms, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms / 2 + Random.Shared.NextDouble() * ms / 2);
    }

    private void SetStatus(Func<DiscoveryClientStatus, DiscoveryClientStatus> change)
    {
        var next = change(Status) with { LastChange = time.GetUtcNow() };
        Volatile.Write(ref _status, next);
        StatusChanged?.Invoke(next);
    }

    [LoggerMessage(6101, LogLevel.Information, "Connected to the control plane at {Peer}")]
    private static partial void LogConnected(ILogger log, string peer);

    [LoggerMessage(6102, LogLevel.Warning, "The push stream failed: {Reason}")]
    private static partial void LogStreamFailed(ILogger log, string reason);

    [LoggerMessage(6103, LogLevel.Information, "Reconnecting to the control plane in {Milliseconds} ms")]
    private static partial void LogReconnecting(ILogger log, double milliseconds);

    [LoggerMessage(6104, LogLevel.Information, "Applied and acknowledged {Version} (nonce {Nonce})")]
    private static partial void LogAcked(ILogger log, string version, string nonce);

    [LoggerMessage(6105, LogLevel.Warning, "Rejected {Version} (nonce {Nonce}); still serving {Current}: {Error}")]
    private static partial void LogNacked(ILogger log, string version, string nonce, string current, string error);

    [LoggerMessage(6106, LogLevel.Information, "The control plane at {Peer} closed the push stream")]
    private static partial void LogClosedByServer(ILogger log, string peer);
}
