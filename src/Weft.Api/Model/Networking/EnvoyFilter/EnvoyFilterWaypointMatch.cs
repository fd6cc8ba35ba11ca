using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.WaypointMatch: only with context WAYPOINT.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterWaypointMatch
{
    public EnvoyFilterFilterMatch? Filter { get; init; }
    public EnvoyFilterWaypointRouteMatch? Route { get; init; }
    public uint? PortNumber { get; init; }
}
