namespace Weft.Proxy.Upstream;

/// <summary>
/// The endpoints of a cluster at one snapshot, as an immutable array, swapped whole. Consistent
/// hash tables are built lazily, once per set.
/// </summary>
public sealed class EndpointSet
{
    public static readonly EndpointSet Empty = new([]);

    private object? _hashTable;

    public EndpointSet(EndpointState[] endpoints) => All = endpoints;

    public EndpointState[] All { get; }

    public int Count => All.Length;

    /// <summary>The consistent-hash table for this set, built by <paramref name="build"/> on first use.</summary>
    public T GetHashTable<T>(Func<EndpointSet, T> build) where T : class
    {
        if (Volatile.Read(ref _hashTable) is T t)
            return t;
        var built = build(this);
        Interlocked.CompareExchange(ref _hashTable, built, null);
        return (T)Volatile.Read(ref _hashTable)!;
    }
}
