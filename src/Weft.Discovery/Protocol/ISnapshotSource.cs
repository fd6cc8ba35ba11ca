using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Protocol;

/// <summary>
/// Where a <see cref="DiscoveryServer"/> gets snapshots: the control plane's per-proxy builder,
/// or <see cref="MutableSnapshotSource"/> in tests and small hosts.
/// </summary>
public interface ISnapshotSource
{
    /// <summary>The snapshot for this proxy now, or null when there is none for it yet (the server waits for a change).</summary>
    ValueTask<ProxySnapshot?> GetSnapshotAsync(NodeInfo node, CancellationToken ct);

    /// <summary>
    /// The snapshot with its content hash. A source that builds snapshots keeps the hash with them
    /// (the server asks on every wake-up); this default encodes and hashes the snapshot each time.
    /// </summary>
    async ValueTask<HashedSnapshot?> GetHashedSnapshotAsync(NodeInfo node, CancellationToken ct) =>
        await GetSnapshotAsync(node, ct) is { } snapshot ? new HashedSnapshot(snapshot, Codec.SnapshotCodec.Hash(snapshot)) : null;

    /// <summary>Calls <paramref name="onChange"/> after anything changed that may change some snapshot; the server debounces.</summary>
    IDisposable Subscribe(Action onChange);
}
