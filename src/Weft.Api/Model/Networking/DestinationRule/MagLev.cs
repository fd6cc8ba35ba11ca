namespace Weft.Api.Model.Networking;

/// <summary>Maglev hashing; the table size must be a prime.</summary>
public sealed record MagLev
{
    public ulong? TableSize { get; init; }
}
