namespace Weft.ControlPlane.Store;

/// <summary>A write inside a transaction.</summary>
public abstract record TxnOp(string Key)
{
    /// <summary>Creates or replaces the key's value.</summary>
    public sealed record Put(string Key, ReadOnlyMemory<byte> Value) : TxnOp(Key);

    /// <summary>Removes the key; nothing happens (and no event is recorded) when it does not exist.</summary>
    public sealed record Delete(string Key) : TxnOp(Key);
}
