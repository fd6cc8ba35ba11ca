using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Maglev hashing; the table size must be a prime.</summary>
[WireNullsAreAbsent]
public sealed record MagLev
{
    public ulong? TableSize { get; init; }
}
