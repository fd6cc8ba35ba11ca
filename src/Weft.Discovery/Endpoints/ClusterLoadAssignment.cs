using System.Collections.Immutable;

namespace Weft.Discovery.Endpoints;

/// <summary>The endpoints of one cluster.</summary>
public sealed record ClusterLoadAssignment
{
    public required string ClusterName { get; init; }

    public ImmutableArray<LbEndpoint> Endpoints { get; init; } = [];
}
