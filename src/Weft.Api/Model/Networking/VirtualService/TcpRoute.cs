using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A rule for opaque TCP traffic.</summary>
[WireNullsAreAbsent]
public sealed record TcpRoute
{
    public IReadOnlyList<L4MatchAttributes>? Match { get; init; }
    public IReadOnlyList<RouteDestination>? Route { get; init; }
}
