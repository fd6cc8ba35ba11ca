namespace Weft.Api.Model.Networking;

/// <summary>Ketama ring hashing.</summary>
public sealed record RingHash
{
    public ulong? MinimumRingSize { get; init; }
}
