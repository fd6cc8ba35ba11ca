using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>
/// The control plane's side of the push stream, over any pair of streams. Per proxy: reads the
/// hello, pushes the proxy's whole snapshot, then pushes again after each (debounced) change of
/// the source, but only when that proxy's snapshot hash changed. ACKs and NACKs update the
/// proxy's <see cref="ProxyStatus"/>, which <see cref="Proxies"/> lists for <c>weft proxy-status</c>.
/// The hosting adapter must start the response and flush its headers before calling
/// <see cref="RunSessionAsync"/> (the proxy waits for them before it says hello), and must not
/// apply a minimum request-body data rate (the stream idles between snapshots).
/// </summary>
public sealed partial class DiscoveryServer : IDisposable
{
    private readonly ISnapshotSource _source;
    private readonly DiscoveryServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProxyStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Lock _debounceGate = new();
    private ITimer? _debounceTimer;
    private long _firstChange;
    private long _nonce;
    private readonly SnapshotEncoder _encoder = new();

    public DiscoveryServer(ISnapshotSource source, DiscoveryServerOptions options, TimeProvider time, ILogger<DiscoveryServer> log)
    {
        _source = source;
        _options = options;
        _time = time;
        _log = log;
        _subscription = source.Subscribe(OnSourceChanged);
    }

    /// <summary>Every proxy that ever connected, connected or not, by id.</summary>
    public IReadOnlyList<ProxyStatus> Proxies => [.. _statuses.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>Pushes completed so far (all proxies); tests and metrics read it.</summary>
    public long PushCount => Interlocked.Read(ref _pushCount);

    private long _pushCount;

    public Task RunSessionAsync(Stream requests, Stream responses, string peer, CancellationToken ct) =>
        RunSessionCoreAsync(requests, responses, peer, identity: null, ct);

    /// <summary>A session whose proxy proved <paramref name="identity"/> (a SPIFFE ID) with its workload certificate, shown in its status.</summary>
    public Task RunAuthenticatedSessionAsync(Stream requests, Stream responses, string peer, string identity, CancellationToken ct) =>
        RunSessionCoreAsync(requests, responses, peer, identity, ct);

    private async Task RunSessionCoreAsync(Stream requests, Stream responses, string peer, string? identity, CancellationToken ct)
    {
        var hello = await MessageFraming.ReadAsync(requests, SnapshotJsonContext.Default.DiscoveryRequest, ct);
        if (hello?.Node is not { } node)
            throw new InvalidDataException($"the first message from {peer} must be a hello carrying the node; got {(hello is null ? "end of stream" : "a request without node")}");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var session = new Session(node, peer);
        if (_sessions.TryGetValue(node.Id, out var previous))
            previous.Replaced.Cancel();
        _sessions[node.Id] = session;
        Update(session, s => new ProxyStatus
        {
            Id = node.Id,
            Node = node,
            Peer = peer,
            Identity = identity,
            Connected = true,
            ConnectedAt = _time.GetUtcNow(),
            AckedVersion = string.IsNullOrEmpty(hello.VersionInfo) ? null : hello.VersionInfo,
        });
        LogConnected(_log, node.Id, peer, hello.VersionInfo);
        using var replaced = session.Replaced.Token.Register(static c => ((CancellationTokenSource)c!).Cancel(), cts);
        var reader = ReadLoopAsync(session, requests, cts);
        try
        {
            await PushIfChangedAsync(session, responses, cts.Token);
            await foreach (var _ in session.Wake.Reader.ReadAllAsync(cts.Token))
                await PushIfChangedAsync(session, responses, cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            await cts.CancelAsync();
            try
            {
                await reader;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidDataException or JsonException or ObjectDisposedException)
            {
            }
            if (_sessions.TryRemove(new KeyValuePair<string, Session>(node.Id, session)))
            {
                Update(session, s => s! with { Connected = false, DisconnectedAt = _time.GetUtcNow() });
                LogDisconnected(_log, node.Id, peer);
            }
        }
    }

    private async Task PushIfChangedAsync(Session session, Stream responses, CancellationToken ct)
    {
        var hashed = await _source.GetHashedSnapshotAsync(session.Node, ct);
        if (hashed is null)
            return;
        var (snapshot, hash) = hashed;
        if (hash == session.LastHash)
            return;
        var nonce = Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
        using var body = EncodeResponse(snapshot, nonce);
        session.LastHash = hash;
        session.LastNonce = nonce;
        session.LastVersion = snapshot.Version;
        Update(session, s => s! with { SentVersion = snapshot.Version, SentNonce = nonce, SentAt = _time.GetUtcNow(), Pushes = s.Pushes + 1 });
        await MessageFraming.WriteFrameAsync(responses, body, ct);
        Interlocked.Increment(ref _pushCount);
        LogPushed(_log, session.Node.Id, snapshot.Version, nonce);
    }

    /// <summary>
    /// A <see cref="DiscoveryResponse"/> with the snapshot serialized straight into it: encoding it
    /// to a JsonElement first and then again into the response doubled the work of every push.
    /// Elements shared between proxies are encoded once (<see cref="SnapshotEncoder"/>).
    /// </summary>
    private PooledBufferWriter EncodeResponse(ProxySnapshot snapshot, string nonce)
    {
        var buffer = new PooledBufferWriter();
        using var w = new Utf8JsonWriter(buffer);
        w.WriteStartObject();
        w.WriteString("versionInfo"u8, snapshot.Version);
        w.WriteString("nonce"u8, nonce);
        w.WritePropertyName("snapshot"u8);
        _encoder.Write(w, snapshot);
        w.WriteEndObject();
        w.Flush();
        return buffer;
    }

    private async Task ReadLoopAsync(Session session, Stream requests, CancellationTokenSource cts)
    {
        try
        {
            while (await MessageFraming.ReadAsync(requests, SnapshotJsonContext.Default.DiscoveryRequest, cts.Token) is { } r)
            {
                if (r.Health is { } health)
                {
                    Update(session, s => s! with { Health = health });
                    LogHealth(_log, session.Node.Id, health.Healthy ? "healthy" : "unhealthy", health.Message);
                    continue;
                }
                if (r.ErrorDetail is { } error)
                {
                    var nacked = r.ResponseNonce == session.LastNonce ? session.LastVersion ?? "" : "";
                    Update(session, s => s! with { LastNack = new NackInfo(nacked, r.ResponseNonce, error, _time.GetUtcNow()), AckedVersion = string.IsNullOrEmpty(r.VersionInfo) ? s.AckedVersion : r.VersionInfo });
                    LogNacked(_log, session.Node.Id, nacked, r.ResponseNonce, error);
                }
                else if (r.ResponseNonce == session.LastNonce)
                {
                    Update(session, s => s! with { AckedVersion = r.VersionInfo, AckedAt = _time.GetUtcNow() });
                    LogAcked(_log, session.Node.Id, r.VersionInfo, r.ResponseNonce);
                }
            }
        }
        finally
        {
            // The proxy closed its side: the session is over.
            await cts.CancelAsync();
        }
    }

    private void Update(Session session, Func<ProxyStatus?, ProxyStatus> change)
    {
        lock (session)
            _statuses.AddOrUpdate(session.Node.Id, _ => change(null), (_, old) => change(old));
    }

    private void OnSourceChanged()
    {
        lock (_debounceGate)
        {
            var now = _time.GetTimestamp();
            if (_firstChange == 0)
                _firstChange = now;
            var waited = _time.GetElapsedTime(_firstChange, now);
            var due = _options.Debounce;
            if (waited + due > _options.MaxDelay)
                due = _options.MaxDelay > waited ? _options.MaxDelay - waited : TimeSpan.Zero;
            if (_debounceTimer is null)
                _debounceTimer = _time.CreateTimer(static s => ((DiscoveryServer)s!).Flush(), this, due, Timeout.InfiniteTimeSpan);
            else
                _debounceTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        lock (_debounceGate)
            _firstChange = 0;
        foreach (var s in _sessions.Values)
            s.Wake.Writer.TryWrite(true);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _debounceTimer?.Dispose();
    }

    private sealed class Session(NodeInfo node, string peer)
    {
        public NodeInfo Node { get; } = node;
        public string Peer { get; } = peer;
        public Channel<bool> Wake { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        public CancellationTokenSource Replaced { get; } = new();
        public string? LastHash { get; set; }
        public string? LastNonce { get; set; }
        public string? LastVersion { get; set; }
    }

    [LoggerMessage(6001, LogLevel.Information, "Proxy {Proxy} connected from {Peer} (serving {Version})")]
    private static partial void LogConnected(ILogger log, string proxy, string peer, string version);

    [LoggerMessage(6002, LogLevel.Information, "Proxy {Proxy} ({Peer}) disconnected")]
    private static partial void LogDisconnected(ILogger log, string proxy, string peer);

    [LoggerMessage(6003, LogLevel.Debug, "Pushed {Version} to {Proxy} (nonce {Nonce})")]
    private static partial void LogPushed(ILogger log, string proxy, string version, string nonce);

    [LoggerMessage(6004, LogLevel.Debug, "Proxy {Proxy} acknowledged {Version} (nonce {Nonce})")]
    private static partial void LogAcked(ILogger log, string proxy, string version, string nonce);

    [LoggerMessage(6005, LogLevel.Warning, "Proxy {Proxy} rejected {Version} (nonce {Nonce}) and keeps its last good snapshot: {Error}")]
    private static partial void LogNacked(ILogger log, string proxy, string version, string nonce, string error);

    [LoggerMessage(6006, LogLevel.Information, "Proxy {Proxy} reports its workload {Health}: {Message}")]
    private static partial void LogHealth(ILogger log, string proxy, string health, string message);
}
