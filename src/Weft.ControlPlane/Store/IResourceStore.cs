namespace Weft.ControlPlane.Store;

/// <summary>
/// The control plane's key-value store, shaped after etcd v3 so that an etcd implementation is a
/// drop-in: opaque values under string keys, one global revision bumped by every transaction that
/// changes something, <c>create_revision</c>/<c>mod_revision</c>/<c>version</c> per key, atomic
/// multi-key transactions guarded by compares on <c>mod_revision</c>, and watches that replay a
/// bounded history from a revision. Nothing here knows about Kubernetes objects.
/// </summary>
public interface IResourceStore : IAsyncDisposable
{
    /// <summary>The current revision and the oldest revision a watch can start from.</summary>
    Task<StoreStatus> StatusAsync(CancellationToken ct);

    /// <summary>One key, or null when it does not exist.</summary>
    Task<KeyValue?> GetAsync(string key, CancellationToken ct);

    /// <summary>Every key starting with <paramref name="prefix"/>, in key order, read at one revision.</summary>
    /// <param name="prefix">The key prefix ("" for the whole keyspace).</param>
    /// <param name="keysOnly">Leave values empty (etcd's keys_only), for scans that only need the keys.</param>
    /// <param name="ct">Cancels the read.</param>
    Task<RangeResult> RangeAsync(string prefix, bool keysOnly, CancellationToken ct);

    /// <summary>
    /// Checks every compare; when all hold, applies every operation at one new revision and
    /// returns only after the change is durable. When any compare fails nothing is written and the
    /// result lists the failures. A transaction that changes nothing does not bump the revision.
    /// </summary>
    Task<TxnResult> TxnAsync(Txn txn, CancellationToken ct);

    /// <summary>
    /// Changes to keys under <paramref name="prefix"/> from <paramref name="startRevision"/> on
    /// (inclusive; 0 or less means "from the next revision"). The first response is the watch's
    /// creation (no events, the revision it was created at) and arrives without waiting; then one
    /// response per batch of revisions, or an empty one as progress when other keys changed.
    /// Throws <see cref="StoreCompactedException"/> when the history the watch needs has been
    /// compacted, on the first read or later if the watcher falls that far behind.
    /// </summary>
    IAsyncEnumerable<WatchResponse> WatchAsync(string prefix, long startRevision, CancellationToken ct);

    /// <summary>Drops the history before <paramref name="revision"/>; watches can no longer start earlier.</summary>
    Task CompactAsync(long revision, CancellationToken ct);
}
