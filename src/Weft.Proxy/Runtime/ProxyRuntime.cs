using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;
using Weft.Proxy.Listeners;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Telemetry;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Runtime;

/// <summary>
/// Owns the live snapshot. Applying one: validate, build cluster runtimes, compile routes and
/// the pipeline, bind new listeners, then publish with one Volatile.Write, drain what left, and
/// persist. Any failure before the publish leaves the last good snapshot serving untouched.
/// </summary>
public sealed partial class ProxyRuntime : IAsyncDisposable
{
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private readonly ClusterManager _clusters;
    private readonly PipelineFactory _pipelines;
    private readonly AccessLog _accessLog;
    private readonly ProxyCounters _counters;
    private readonly SnapshotStore? _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    // Saving waits for fsync, which a busy disk can stretch to seconds: it runs behind the swap,
    // newest snapshot wins, and shutdown waits for it.
    private readonly System.Threading.Channels.Channel<ProxySnapshot> _persist = System.Threading.Channels.Channel.CreateBounded<ProxySnapshot>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly Task _persister;
    private CompiledSnapshot? _current;
    private ListenerManager? _listeners;

    public ProxyRuntime(ClusterManager clusters, PipelineFactory pipelines, AccessLog accessLog, ProxyCounters counters, SnapshotStore? store, TimeProvider time, ILogger<ProxyRuntime> log)
    {
        _clusters = clusters;
        _pipelines = pipelines;
        _accessLog = accessLog;
        _counters = counters;
        _store = store;
        _time = time;
        _log = log;
        _persister = Task.Run(PersistLoopAsync);
    }

    private async Task PersistLoopAsync()
    {
        await foreach (var snapshot in _persist.Reader.ReadAllAsync())
        {
            try
            {
                _store!.Save(snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogPersistFailed(_log, _store!.PathName, e.Message);
            }
        }
    }

    /// <summary>Waits until the last good snapshot is on disk (shutdown).</summary>
    public async Task FlushPersistenceAsync()
    {
        _persist.Writer.TryComplete();
        await _persister;
    }

    public CompiledSnapshot? Current => Volatile.Read(ref _current);

    public ClusterManager Clusters => _clusters;

    public ApplyResult? LastRejected { get; private set; }

    /// <summary>Raised after each snapshot goes live (the host prints "ready" on the first).</summary>
    public event Action<CompiledSnapshot>? Applied;

    internal void Attach(ListenerManager listeners) => _listeners = listeners;

    internal ListenerManager Listeners => _listeners ?? throw new InvalidOperationException("no listener manager attached");

    public async Task<ApplyResult> ApplyAsync(ProxySnapshot snapshot, bool persist, CancellationToken ct)
    {
        await _applyLock.WaitAsync(ct);
        try
        {
            var errors = SnapshotValidator.Validate(snapshot);
            if (!errors.IsEmpty)
                return Reject(snapshot.Version, string.Join('\n', errors));
            var prepared = _clusters.Prepare(snapshot);
            CompiledSnapshot compiled;
            try
            {
                compiled = new CompiledSnapshot(snapshot, prepared, _pipelines, _time.GetUtcNow());
                await Listeners.OpenAsync(compiled, ct);
            }
            catch (Exception e) when (e is ListenerBindException or ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                _clusters.Abandon(prepared);
                return Reject(snapshot.Version, e.Message);
            }
            Volatile.Write(ref _current, compiled);
            _clusters.Commit(prepared);
            _accessLog.Configure(snapshot.Telemetry.AccessLog);
            Listeners.CloseRemoved(compiled);
            Interlocked.Increment(ref _counters.SnapshotsApplied);
            if (persist && _store is not null)
                _persist.Writer.TryWrite(snapshot);
            LogApplied(_log, snapshot.Version, snapshot.Listeners.Length, snapshot.Clusters.Length);
            Applied?.Invoke(compiled);
            return new ApplyResult(snapshot.Version, null);
        }
        finally
        {
            _applyLock.Release();
        }
    }

    private ApplyResult Reject(string version, string error)
    {
        Interlocked.Increment(ref _counters.SnapshotsRejected);
        LogRejected(_log, version, Current?.Version ?? "none", error);
        var r = new ApplyResult(version, error);
        LastRejected = r;
        return r;
    }

    public async ValueTask DisposeAsync()
    {
        await FlushPersistenceAsync();
        if (_listeners is not null)
            await _listeners.DrainAllAsync();
        _clusters.Dispose();
    }

    [LoggerMessage(5101, LogLevel.Information, "Applied snapshot {Version}: {Listeners} listeners, {Clusters} clusters")]
    private static partial void LogApplied(ILogger log, string version, int listeners, int clusters);

    [LoggerMessage(5102, LogLevel.Warning, "Rejected snapshot {Version}; still serving {Current}: {Error}")]
    private static partial void LogRejected(ILogger log, string version, string current, string error);

    [LoggerMessage(5103, LogLevel.Warning, "Could not save the last good snapshot to {Path}: {Reason}")]
    private static partial void LogPersistFailed(ILogger log, string path, string reason);
}
