using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A rule for TLS traffic that is passed through, matched by SNI.</summary>
[WireNullsAreAbsent]
public sealed record TlsRoute
{
    public IReadOnlyList<TlsMatchAttributes>? Match { get; init; }
    public IReadOnlyList<RouteDestination>? Route { get; init; }
}
