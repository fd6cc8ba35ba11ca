namespace Weft.Api.Model.Networking;

/// <summary>One shadow destination that receives a copy of a share of the requests.</summary>
public sealed record HttpMirrorPolicy
{
    public Destination? Destination { get; init; }
    public Percent? Percentage { get; init; }
}
