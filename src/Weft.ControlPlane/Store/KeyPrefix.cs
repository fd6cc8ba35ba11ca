namespace Weft.ControlPlane.Store;

/// <summary>Prefix ranges over ordinally sorted keys: [prefix, RangeEnd(prefix)).</summary>
public static class KeyPrefix
{
    /// <summary>
    /// The smallest key greater than every key starting with <paramref name="prefix"/>, as etcd's
    /// clientv3.GetPrefixRangeEnd: the last character that can be incremented is, the rest dropped.
    /// Null for "" (the whole keyspace has no end).
    /// </summary>
    public static string? RangeEnd(string prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] < char.MaxValue)
                return string.Concat(prefix.AsSpan(0, i), ((char)(prefix[i] + 1)).ToString());
        }
        return null;
    }
}
