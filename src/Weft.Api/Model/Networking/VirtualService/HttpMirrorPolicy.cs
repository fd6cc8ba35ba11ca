using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>One shadow destination that receives a copy of a share of the requests.</summary>
[WireNullsAreAbsent]
public sealed record HttpMirrorPolicy
{
    public Destination? Destination { get; init; }
    public Percent? Percentage { get; init; }
}
