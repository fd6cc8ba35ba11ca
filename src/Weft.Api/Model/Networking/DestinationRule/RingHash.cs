using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Ketama ring hashing.</summary>
[WireNullsAreAbsent]
public sealed record RingHash
{
    public ulong? MinimumRingSize { get; init; }
}
