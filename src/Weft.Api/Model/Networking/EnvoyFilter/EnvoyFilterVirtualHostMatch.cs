using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.RouteConfigurationMatch.VirtualHostMatch.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterVirtualHostMatch
{
    public string? Name { get; init; }
    public EnvoyFilterRouteMatch? Route { get; init; }
    public string? DomainName { get; init; }
}
