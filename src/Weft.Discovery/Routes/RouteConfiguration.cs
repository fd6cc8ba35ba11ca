using System.Collections.Immutable;

namespace Weft.Discovery.Routes;

/// <summary>
/// A route table (Envoy's RouteConfiguration): virtual hosts chosen by the request's authority.
/// Domains are matched as Envoy does: exact (with or without port), then suffix wildcards
/// (<c>*.example.com</c>, longest first), then prefix wildcards (<c>foo.*</c>), then <c>*</c>.
/// </summary>
public sealed record RouteConfiguration
{
    public required string Name { get; init; }

    public ImmutableArray<VirtualHost> VirtualHosts { get; init; } = [];
}
