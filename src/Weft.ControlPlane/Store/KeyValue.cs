namespace Weft.ControlPlane.Store;

/// <summary>A key and its value at a revision (etcd's mvccpb.KeyValue).</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The opaque value; empty for keys-only reads and deletions.</param>
/// <param name="CreateRevision">The revision that created the key.</param>
/// <param name="ModRevision">The revision that last changed it (for a deletion event, the deleting revision).</param>
/// <param name="Version">How many times it was written since it was created (1 after creation).</param>
public sealed record KeyValue(string Key, ReadOnlyMemory<byte> Value, long CreateRevision, long ModRevision, long Version);
