using Weft.ControlPlane.Resources.Labels;
using Weft.ControlPlane.Store;

namespace Weft.ControlPlane.Resources;

/// <summary>
/// An open watch of one resource type: store changes turned into Kubernetes watch events, filtered
/// by a label selector the way the API server filters them (an object that stops matching is
/// DELETED for this watcher, one that starts matching is ADDED). It lives until the token given
/// when it was opened is cancelled.
/// </summary>
public sealed partial class ResourceWatch : IAsyncDisposable
{
    private readonly IAsyncEnumerator<WatchResponse> _store;
    private readonly ResourceType _type;
    private readonly LabelSelector _selector;
    private readonly ILogger _log;
    private IReadOnlyList<ResourceEvent>? _initial;

    internal ResourceWatch(IAsyncEnumerator<WatchResponse> store, ResourceType type, LabelSelector selector,
        IReadOnlyList<ResourceEvent>? initial, long revision, ILogger log)
    {
        _store = store;
        _type = type;
        _selector = selector;
        _initial = initial;
        _log = log;
        Revision = revision;
    }

    /// <summary>The revision everything has been delivered up to.</summary>
    public long Revision { get; private set; }

    /// <summary>The next events; throws <see cref="ApiException"/> (410 Gone) when the store's history no longer reaches back to this watcher.</summary>
    public async ValueTask<WatchBatch> NextAsync()
    {
        if (_initial is { } initial)
        {
            _initial = null;
            return new WatchBatch(initial, Revision, InitialState: true);
        }
        try
        {
            if (!await _store.MoveNextAsync())
                throw new InvalidOperationException("the store's watch ended");
        }
        catch (StoreCompactedException ex)
        {
            LogFellBehind(_log, _type.QualifiedPlural, ex.RequestedRevision, ex.CompactRevision);
            throw new ApiException(ResourceService.TooOld(ex.RequestedRevision - 1, ex.CompactRevision));
        }
        var response = _store.Current;
        var events = new List<ResourceEvent>(response.Events.Count);
        foreach (var e in response.Events)
        {
            if (Translate(e) is { } ev)
                events.Add(ev);
        }
        Revision = response.Revision;
        return new WatchBatch(events, Revision, InitialState: false);
    }

    private ResourceEvent? Translate(WatchEvent e)
    {
        var current = e.Type == WatchEventType.Put ? StoredObjects.Present(e.Kv, _type) : null;
        var everything = _selector.IsEverything;
        var currentMatches = current is not null && (everything || _selector.Matches(StoredObjects.Labels(current)));
        // The previous state is only parsed when it decides something.
        var previousMatches = e.PrevKv is not null
            && (everything || _selector.Matches(StoredObjects.Labels(StoredObjects.Present(e.PrevKv, _type))));
        if (currentMatches)
            return new ResourceEvent(previousMatches ? ResourceEvent.Modified : ResourceEvent.Added, current!);
        if (previousMatches)
        {
            // Gone from this watcher's view: the last state it matched, at the revision it left.
            return new ResourceEvent(ResourceEvent.Deleted, StoredObjects.Present(e.PrevKv!.Value, e.Kv.ModRevision, _type));
        }
        return null;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [LoggerMessage(1301, LogLevel.Information, "A watch of {Resource} fell behind the store's history (needed revision {Needed}, history starts at {Oldest}); it ends with 410 Gone")]
    private static partial void LogFellBehind(ILogger log, string resource, long needed, long oldest);
}
