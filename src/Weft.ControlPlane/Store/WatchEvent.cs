namespace Weft.ControlPlane.Store;

public enum WatchEventType
{
    Put,
    Delete,
}

/// <summary>
/// One change of one key. <see cref="Kv"/> is the key after the change (for a deletion: no value,
/// ModRevision the deleting revision); <see cref="PrevKv"/> the key before it, null when it did not
/// exist (etcd's watch with prev_kv, which filters need to see an object leave their selection).
/// </summary>
public sealed record WatchEvent(WatchEventType Type, KeyValue Kv, KeyValue? PrevKv)
{
    /// <summary>A put that created the key rather than changed it.</summary>
    public bool IsCreate => Type == WatchEventType.Put && Kv.CreateRevision == Kv.ModRevision;
}
