namespace Weft.Api.Model.Networking;

/// <summary>One port of a destination service, by number.</summary>
public sealed record PortSelector
{
    public uint? Number { get; init; }
}
