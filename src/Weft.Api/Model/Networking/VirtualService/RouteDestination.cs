using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A weighted destination of a TCP or TLS rule.</summary>
[WireNullsAreAbsent]
public sealed record RouteDestination
{
    public Destination? Destination { get; init; }
    public int? Weight { get; init; }
}
