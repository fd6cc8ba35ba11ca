using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>One port of a destination service, by number.</summary>
[WireNullsAreAbsent]
public sealed record PortSelector
{
    public uint? Number { get; init; }
}
