using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.RouteConfigurationMatch.RouteMatch.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterRouteMatch
{
    public string? Name { get; init; }
    public EnvoyFilterRouteAction? Action { get; init; }
}
