namespace Weft.ControlPlane.Store;

/// <summary>
/// An atomic transaction: when every compare holds, every operation is applied at one revision;
/// otherwise none is. A key may appear in at most one operation, as in etcd.
/// </summary>
public sealed record Txn(IReadOnlyList<Compare> Compares, IReadOnlyList<TxnOp> Ops)
{
    /// <summary>The first key written twice, or null when every operation has its own key.</summary>
    public string? DuplicateKey()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in Ops)
            if (!seen.Add(op.Key))
                return op.Key;
        return null;
    }
}
