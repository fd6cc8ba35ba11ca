using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Codec;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Push;

/// <summary>
/// The control plane's <see cref="ISnapshotSource"/>: follows the config cache, rebuilds the
/// <see cref="PushContext"/> once per settled revision (a burst of writes within
/// <see cref="PushOptions.Debounce"/> is one rebuild), and builds each connected proxy's
/// snapshot on demand, cached by proxy, revision and the set of connected sidecars (which
/// decides h2c between sidecars, so a proxy connecting or leaving is a change too). The
/// <see cref="DiscoveryServer"/> debounces again and pushes only snapshots whose content changed.
/// </summary>
public sealed partial class TranslationSnapshotSource : ISnapshotSource, IAsyncDisposable
{
    private readonly ConfigCache _config;
    private readonly MeshConfigSource _mesh;
    private readonly PushOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Lock _sidecarGate = new();
    private readonly List<Action> _subscribers = [];
    private readonly ConcurrentDictionary<string, CachedSnapshot> _cache = new(StringComparer.Ordinal);
    private Func<IEnumerable<ProxyStatus>>? _proxies;
    private PushContext? _push;
    private Sidecars _sidecars = new(0, ImmutableHashSet<string>.Empty);
    private readonly Lock _sharedGate = new();
    private SharedParts? _shared;
    private Task? _follow;
    private ITimer? _poll;
    private long _rebuilds;
    private ConfigSnapshot? _lastConfig;

    public TranslationSnapshotSource(ConfigCache config, MeshConfigSource mesh, PushOptions options, TimeProvider time, ILogger<TranslationSnapshotSource> log)
    {
        _config = config;
        _mesh = mesh;
        _options = options;
        _time = time;
        _log = log;
    }

    /// <summary>The push context in force (null before <see cref="Start"/>).</summary>
    public PushContext? Current => Volatile.Read(ref _push);

    /// <summary>Where translation finds the keys of RequestAuthentication jwksUris (set before <see cref="Start"/>; null: none are fetched).</summary>
    public Translation.Security.IJwksSource? Jwks { get; set; }

    /// <summary>
    /// Something translation reads besides config changed (fetched JWKS keys): every snapshot is
    /// built again and proxies are told, as a change of connected sidecars does.
    /// </summary>
    public void Invalidate()
    {
        lock (_sidecarGate)
        {
            var current = Volatile.Read(ref _sidecars);
            Volatile.Write(ref _sidecars, current with { Generation = current.Generation + 1 });
        }
        Notify();
    }

    /// <summary>How many times a push context was built; bursts of changes count once.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>Builds the first push context and follows the config cache from there.</summary>
    public void Start(Func<IEnumerable<ProxyStatus>> proxies)
    {
        _proxies = proxies;
        Rebuild(_config.Current);
        _follow = Task.Run(() => FollowAsync(_stop.Token), CancellationToken.None);
        _poll = _time.CreateTimer(static s => ((TranslationSnapshotSource)s!).CheckSidecars(), this, _options.ProxyPoll, _options.ProxyPoll);
    }

    public async ValueTask<ProxySnapshot?> GetSnapshotAsync(NodeInfo node, CancellationToken ct) =>
        (await GetHashedSnapshotAsync(node, ct))?.Snapshot;

    /// <summary>
    /// The proxy's snapshot, built at most once per revision and generation of connected sidecars:
    /// around the <see cref="OutboundPart"/> of its <see cref="PushContext.OutboundKey"/>, built
    /// once per key and shared by every proxy of that key (objects and hash), plus its own
    /// inbound, security and telemetry parts. Its hash combines the shared part's with the hash
    /// of the proxy's own parts, so no proxy's whole snapshot is ever encoded just to be compared.
    /// </summary>
    public ValueTask<HashedSnapshot?> GetHashedSnapshotAsync(NodeInfo node, CancellationToken ct)
    {
        var push = Current;
        if (push is null)
            return ValueTask.FromResult<HashedSnapshot?>(null);
        var generation = SharedFor(push);
        var nodeKey = JsonSerializer.Serialize(node, SnapshotJsonContext.Default.NodeInfo);
        if (_cache.TryGetValue(node.Id, out var cached) && cached.Revision == push.Revision && cached.Generation == generation.Sidecars.Generation && cached.NodeKey == nodeKey)
            return ValueTask.FromResult<HashedSnapshot?>(cached.Snapshot);
        HashedSnapshot hashed;
        string? outboundKey;
        PartSlot slot;
        try
        {
            var b = new ProxyBuild(push, node, generation.Sidecars.Addresses);
            outboundKey = push.OutboundKey(node);
            slot = PartFor(generation, outboundKey, b);
            var outbound = slot.Part.Value;
            var snapshot = SnapshotBuilder.Build(b, outbound);
            Interlocked.Increment(ref _proxyBuilds);
            var hash = CombinedHash(snapshot, outbound);
            // Unique per content: two snapshots of one revision that differ (a sidecar came or went) never share a version.
            hashed = new HashedSnapshot(snapshot with { Version = $"{push.Revision}-{hash[..8]}" }, hash);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in translation must not take the proxy down: it keeps what it was sent last.
            LogBuildFailed(_log, node.Id, push.Revision, e);
            return ValueTask.FromResult(cached?.Snapshot);
        }
        // Gateways read Gateways and routes of any namespace: never carried forward.
        _cache[node.Id] = new CachedSnapshot(push.Revision, generation.Sidecars.Generation, nodeKey, hashed, node.Namespace,
            node.Mode == ProxyMode.Gateway ? null : outboundKey, slot);
        return ValueTask.FromResult<HashedSnapshot?>(hashed);
    }

    /// <summary>Outbound parts built so far (one per key, revision and sidecar generation); tests and the bench read it.</summary>
    public long OutboundBuilds => Interlocked.Read(ref _outboundBuilds);

    /// <summary>Proxy snapshots built so far (each around a shared outbound part).</summary>
    public long ProxyBuilds => Interlocked.Read(ref _proxyBuilds);

    private long _outboundBuilds;
    private long _proxyBuilds;

    private PartSlot PartFor(SharedParts shared, string key, ProxyBuild b) =>
        shared.Parts.GetOrAdd(key, static (_, s) => new PartSlot(s.Build.Node.Namespace, new Lazy<OutboundPart>(() =>
        {
            Interlocked.Increment(ref s.Owner._outboundBuilds);
            return OutboundPart.Build(s.Build);
        })), (Owner: this, Build: b));

    /// <summary>
    /// Builds the outbound parts the connected proxies need on this thread, before their sessions
    /// wake: woken together, every session of a key would otherwise hold a thread-pool thread
    /// waiting for the one building it, which starved a two-core pool for seconds.
    /// </summary>
    private void Prebuild()
    {
        if (Current is not { } push || _proxies is null)
            return;
        var shared = SharedFor(push);
        foreach (var p in _proxies())
        {
            if (!p.Connected)
                continue;
            try
            {
                var key = push.OutboundKey(p.Node);
                if (!shared.Parts.ContainsKey(key))
                    _ = PartFor(shared, key, new ProxyBuild(push, p.Node, shared.Sidecars.Addresses)).Part.Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBuildFailed(_log, p.Id, push.Revision, e);
            }
        }
    }

    /// <summary>The shared outbound parts of one push context and one set of connected sidecars.</summary>
    private SharedParts SharedFor(PushContext push)
    {
        var sidecars = Volatile.Read(ref _sidecars);
        var shared = Volatile.Read(ref _shared);
        if (shared is not null && shared.Revision == push.Revision && shared.Sidecars.Generation == sidecars.Generation)
            return shared;
        lock (_sharedGate)
        {
            shared = Volatile.Read(ref _shared);
            if (shared is not null && shared.Revision == push.Revision && shared.Sidecars.Generation == sidecars.Generation)
                return shared;
            // A proxy still asking for an older generation than the one in force never replaces it.
            if (shared is not null && (shared.Revision > push.Revision || shared.Sidecars.Generation > sidecars.Generation))
                return new SharedParts(push.Revision, sidecars, new(StringComparer.Ordinal));
            shared = new SharedParts(push.Revision, sidecars, new(StringComparer.Ordinal));
            Volatile.Write(ref _shared, shared);
            return shared;
        }
    }

    /// <summary>
    /// SHA-256 over the shared part's hash and the JSON of everything else: the snapshot with the
    /// shared entries left out (they lead each array, so slicing them off is exact).
    /// </summary>
    private static string CombinedHash(ProxySnapshot snapshot, OutboundPart outbound)
    {
        var own = snapshot with
        {
            Version = "",
            Clusters = snapshot.Clusters[outbound.Clusters.Length..],
            Endpoints = snapshot.Endpoints[outbound.Endpoints.Length..],
            RouteConfigurations = outbound.HttpProxy is null ? snapshot.RouteConfigurations : snapshot.RouteConfigurations[1..],
            Listeners = outbound.Chains is null ? snapshot.Listeners : [snapshot.Listeners[0] with { FilterChains = [], DefaultFilterChain = null }, .. snapshot.Listeners[1..]],
            Telemetry = snapshot.Telemetry with { Peers = [], Clusters = snapshot.Telemetry.Clusters[outbound.ClusterServices.Length..] },
        };
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.ASCII.GetBytes(outbound.Hash));
        sha.AppendData("\n"u8);
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(own, SnapshotJsonContext.Default.ProxySnapshot));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public IDisposable Subscribe(Action onChange)
    {
        lock (_gate)
            _subscribers.Add(onChange);
        return new Subscription(this, onChange);
    }

    private async Task FollowAsync(CancellationToken ct)
    {
        var revision = Current?.Revision ?? 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _config.WaitForChangeAsync(revision, ct);
                // Let a burst settle: one rebuild for everything written within the debounce.
                await Task.Delay(_options.Debounce, _time, ct);
                var latest = _config.Current;
                Rebuild(latest);
                revision = latest.Revision;
                Prebuild();
                Notify();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRebuildFailed(_log, revision, e);
                await Task.Delay(_options.Debounce, _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Rebuild(ConfigSnapshot config)
    {
        var started = _time.GetTimestamp();
        var push = PushContext.Build(config, _mesh.For(config), Jwks);
        var previous = Volatile.Read(ref _push);
        var change = previous is null || _lastConfig is null ? ChangeScope.Everything : ChangeScope.Between(_lastConfig, previous, config, push);
        CarryForward(previous, push, change);
        _lastConfig = config;
        Volatile.Write(ref _push, push);
        Interlocked.Increment(ref _rebuilds);
        // Snapshots of older revisions are never asked for again.
        foreach (var (id, c) in _cache)
            if (c.Revision < push.Revision)
                _cache.TryRemove(new KeyValuePair<string, CachedSnapshot>(id, c));
        LogRebuilt(_log, push.Revision, push.Services.Length, push.VirtualServices.Length, push.DestinationRules.Length, _time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Incremental push: what the change cannot affect moves to the new revision as it is. The
    /// outbound parts of namespaces the change does not reach are shared on (same objects, same
    /// hash), and so are the whole snapshots of sidecars whose part moved on and whose own parts
    /// read no changed namespace: those proxies are neither rebuilt nor pushed (their version keeps
    /// the revision that last changed them).
    /// </summary>
    private void CarryForward(PushContext? previous, PushContext push, ChangeScope change)
    {
        lock (_sharedGate)
        {
            var sidecars = Volatile.Read(ref _sidecars);
            var old = Volatile.Read(ref _shared);
            var parts = new ConcurrentDictionary<string, PartSlot>(StringComparer.Ordinal);
            var next = new SharedParts(push.Revision, sidecars, parts);
            Volatile.Write(ref _shared, next);
            if (previous is null || old is null || old.Revision != previous.Revision || old.Sidecars.Generation != sidecars.Generation
                || !previous.SelectorLabelKeys.SetEquals(push.SelectorLabelKeys) || change.OutboundAll)
                return;
            foreach (var (key, slot) in old.Parts)
                if (!change.AffectsOutbound(slot.Namespace) && slot.Part.IsValueCreated)
                    parts[key] = slot;
            var carried = 0;
            foreach (var (id, c) in _cache)
            {
                if (c.Revision != previous.Revision || c.Generation != sidecars.Generation || c.OutboundKey is null
                    || change.AffectsOwn(c.Namespace, push.RootNamespace)
                    || !parts.TryGetValue(c.OutboundKey, out var slot) || !ReferenceEquals(slot, c.Slot))
                    continue;
                if (_cache.TryUpdate(id, c with { Revision = push.Revision }, c))
                    carried++;
            }
            LogCarried(_log, push.Revision, parts.Count, old.Parts.Count, carried);
        }
    }

    /// <summary>
    /// Which addresses run a connected sidecar. A change alters the protocol of clusters whose
    /// endpoints are those addresses (h2c between sidecars), so it is a change of config too.
    /// </summary>
    private void CheckSidecars()
    {
        if (_proxies is null)
            return;
        // Timer callbacks may overlap when one runs long; one comparison at a time.
        lock (_sidecarGate)
            CheckSidecarsLocked();
    }

    private void CheckSidecarsLocked()
    {
        // A gateway is no sidecar: its ports are plain listeners (an egress gateway's port 80 takes
        // HTTP from sidecars), so calls to it get neither auto mTLS nor h2c, as Istio's gateways
        // carry no tlsMode label.
        var addresses = _proxies!().Where(p => p.Connected && p.Node.Address is { Length: > 0 } && p.Node.Mode != ProxyMode.Gateway).Select(p => p.Node.Address!).ToImmutableHashSet(StringComparer.Ordinal);
        var current = Volatile.Read(ref _sidecars);
        if (addresses.SetEquals(current.Addresses))
            return;
        Volatile.Write(ref _sidecars, new Sidecars(current.Generation + 1, addresses));
        LogSidecarsChanged(_log, addresses.Count);
        Prebuild();
        Notify();
    }

    private void Notify()
    {
        Action[] subs;
        lock (_gate)
            subs = [.. _subscribers];
        foreach (var s in subs)
            s();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_poll is not null)
            await _poll.DisposeAsync();
        if (_follow is not null)
            await _follow.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private sealed record CachedSnapshot(long Revision, long Generation, string NodeKey, HashedSnapshot Snapshot, string Namespace, string? OutboundKey, PartSlot Slot);

    private sealed record SharedParts(long Revision, Sidecars Sidecars, ConcurrentDictionary<string, PartSlot> Parts);

    /// <summary>One outbound part, built on first use by whichever proxy asks first; the namespace its key names.</summary>
    private sealed record PartSlot(string Namespace, Lazy<OutboundPart> Part);

    private sealed record Sidecars(long Generation, ImmutableHashSet<string> Addresses);

    private sealed class Subscription(TranslationSnapshotSource owner, Action action) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
                owner._subscribers.Remove(action);
        }
    }

    [LoggerMessage(1200, LogLevel.Information, "Push context built for revision {Revision}: {Services} services, {VirtualServices} mesh VirtualServices, {DestinationRules} DestinationRules in {Milliseconds:F1} ms")]
    private static partial void LogRebuilt(ILogger log, long revision, int services, int virtualServices, int destinationRules, double milliseconds);

    [LoggerMessage(1201, LogLevel.Error, "Building the snapshot of proxy {Proxy} at revision {Revision} failed; it keeps the snapshot it was sent last")]
    private static partial void LogBuildFailed(ILogger log, string proxy, long revision, Exception e);

    [LoggerMessage(1202, LogLevel.Error, "Building the push context after revision {Revision} failed; proxies keep their snapshots until the next change")]
    private static partial void LogRebuildFailed(ILogger log, long revision, Exception e);

    [LoggerMessage(1204, LogLevel.Debug, "Revision {Revision}: {Kept} of {Parts} outbound parts and {Proxies} proxy snapshots carried forward unchanged")]
    private static partial void LogCarried(ILogger log, long revision, int kept, int parts, int proxies);

    [LoggerMessage(1203, LogLevel.Debug, "Connected sidecars changed ({Count} addresses); snapshots are recomputed for the protocol between sidecars")]
    private static partial void LogSidecarsChanged(ILogger log, int count);
}
