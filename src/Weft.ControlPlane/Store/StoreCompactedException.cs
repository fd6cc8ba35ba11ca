namespace Weft.ControlPlane.Store;

/// <summary>
/// A watch asked for history the store no longer keeps (etcd's ErrCompacted): the caller must
/// read the current state again and watch from its revision.
/// </summary>
public sealed class StoreCompactedException : Exception
{
    public StoreCompactedException(long requestedRevision, long compactRevision)
        : base($"revision {requestedRevision} has been compacted; the oldest revision a watch can start from is {compactRevision}")
    {
        RequestedRevision = requestedRevision;
        CompactRevision = compactRevision;
    }

    public StoreCompactedException()
    {
    }

    public StoreCompactedException(string message) : base(message)
    {
    }

    public StoreCompactedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public long RequestedRevision { get; }

    public long CompactRevision { get; }
}
