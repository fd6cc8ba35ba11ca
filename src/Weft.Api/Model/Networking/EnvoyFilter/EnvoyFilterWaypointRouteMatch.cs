using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.WaypointMatch.RouteMatch: a waypoint route by name.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterWaypointRouteMatch
{
    public string? Name { get; init; }
}
