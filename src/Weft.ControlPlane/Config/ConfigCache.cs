using System.Collections.Immutable;
using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Api.Model.Meta;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Store;

namespace Weft.ControlPlane.Config;

/// <summary>
/// Keeps every stored object in memory, typed, following the store's watch: one
/// <see cref="ConfigSnapshot"/> per revision, published by a single reference swap. Consumers
/// (analysis, translation) read <see cref="Current"/> and wait for <see cref="WaitForChangeAsync"/>;
/// each decides for itself how to debounce.
/// </summary>
public sealed partial class ConfigCache(IResourceStore store, KindRegistry registry, ILogger<ConfigCache> log) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private ImmutableSortedDictionary<string, StoredConfig> _objects = ImmutableSortedDictionary<string, StoredConfig>.Empty.WithComparers(StringComparer.Ordinal);
    private ConfigSnapshot _current = ConfigSnapshot.Empty;
    private TaskCompletionSource<ConfigSnapshot> _changed = NewSignal();
    private Task? _loop;

    /// <summary>The latest snapshot.</summary>
    public ConfigSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Reads everything once, then follows the store in the background.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var range = await store.RangeAsync(ResourceKey.Root, keysOnly: false, ct);
        var builder = _objects.ToBuilder();
        foreach (var kv in range.Items)
            if (Decode(kv) is { } o)
                builder[kv.Key] = o;
        _objects = builder.ToImmutable();
        Publish(range.Revision);
        LogLoaded(log, _objects.Count, range.Revision);
        _loop = Task.Run(() => FollowAsync(range.Revision + 1, _stop.Token), CancellationToken.None);
    }

    /// <summary>Completes with the first snapshot newer than <paramref name="revision"/>.</summary>
    public Task<ConfigSnapshot> WaitForChangeAsync(long revision, CancellationToken ct)
    {
        // The signal is taken before the check: a publish in between completes it, so none is missed.
        var signal = Volatile.Read(ref _changed);
        var current = Current;
        if (current.Revision > revision)
            return Task.FromResult(current);
        return signal.Task.WaitAsync(ct);
    }

    private async Task FollowAsync(long from, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var response in store.WatchAsync(ResourceKey.Root, from, ct))
                {
                    if (response.Events.Count == 0)
                        continue;
                    var builder = _objects.ToBuilder();
                    foreach (var e in response.Events)
                    {
                        if (e.Type == WatchEventType.Delete)
                            builder.Remove(e.Kv.Key);
                        else if (Decode(e.Kv) is { } o)
                            builder[e.Kv.Key] = o;
                    }
                    _objects = builder.ToImmutable();
                    Publish(response.Revision);
                    from = response.Revision + 1;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (StoreCompactedException)
            {
                // Fell behind the bounded history: start over from a full read.
                LogResync(log, from);
                var range = await store.RangeAsync(ResourceKey.Root, keysOnly: false, ct);
                var builder = ImmutableSortedDictionary<string, StoredConfig>.Empty.WithComparers(StringComparer.Ordinal).ToBuilder();
                foreach (var kv in range.Items)
                    if (Decode(kv) is { } o)
                        builder[kv.Key] = o;
                _objects = builder.ToImmutable();
                Publish(range.Revision);
                from = range.Revision + 1;
            }
        }
    }

    private void Publish(long revision)
    {
        var snapshot = new ConfigSnapshot(revision, [.. _objects.Values]);
        Volatile.Write(ref _current, snapshot);
        var signal = Interlocked.Exchange(ref _changed, NewSignal());
        signal.TrySetResult(snapshot);
    }

    private StoredConfig? Decode(KeyValue kv)
    {
        if (ResourceKey.Parse(kv.Key) is not { } key)
            return null;
        var (docs, errors) = DocumentReader.Read(System.Text.Encoding.UTF8.GetString(kv.Value.Span), kv.Key);
        if (errors.Count > 0 || docs.Count == 0 || docs[0].Root is not MapNode root)
        {
            LogUndecodable(log, kv.Key, errors.Count > 0 ? errors[0].Message : "empty");
            return null;
        }
        var kind = registry.FindByPlural(key.Group, key.Plural)
            ?? KindRegistry.Synthesize(key.Group, VersionOf(root), root.GetString("kind") ?? key.Plural);
        var ctx = new BindContext();
        if (Binder.Bind(root, kind.ClrType, ctx) is not KubeObject obj || ctx.Errors.Count > 0)
        {
            // Admission bound it once; this only happens when a newer weftd wrote something this one cannot read.
            LogUndecodable(log, kv.Key, ctx.Errors.Count > 0 ? ctx.Errors[0].Message : "not an object");
            return null;
        }
        return new StoredConfig(obj, kind, kv.Key, kv.ModRevision);
    }

    private static string VersionOf(MapNode root)
    {
        var apiVersion = root.GetString("apiVersion") ?? "v1";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
    }

    private static TaskCompletionSource<ConfigSnapshot> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    [LoggerMessage(1100, LogLevel.Information, "Config cache loaded {Count} objects at revision {Revision}")]
    private static partial void LogLoaded(ILogger log, int count, long revision);

    [LoggerMessage(1101, LogLevel.Warning, "Config cache fell behind the store's history at revision {Revision}; reading everything again")]
    private static partial void LogResync(ILogger log, long revision);

    [LoggerMessage(1102, LogLevel.Error, "Stored object {Key} cannot be read back ({Reason}); it is left out of analysis and translation")]
    private static partial void LogUndecodable(ILogger log, string key, string reason);
}
