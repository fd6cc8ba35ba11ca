using System.Collections.Immutable;

namespace Weft.Discovery.Routes;

/// <summary>One service's routes as seen by one proxy: ordered, first match wins (as Istio).</summary>
public sealed record VirtualHost
{
    public required string Name { get; init; }

    /// <summary>Authorities served: <c>host</c>, <c>host:port</c>, <c>*.suffix</c>, <c>prefix.*</c> or <c>*</c>.</summary>
    public required ImmutableArray<string> Domains { get; init; }

    public ImmutableArray<Route> Routes { get; init; } = [];
}
