using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.RouteConfigurationMatch.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterRouteConfigurationMatch
{
    public uint? PortNumber { get; init; }
    public string? PortName { get; init; }
    public string? Gateway { get; init; }
    public EnvoyFilterVirtualHostMatch? Vhost { get; init; }
    public string? Name { get; init; }
}
