using System.Collections.Immutable;
using Weft.Discovery.Routes;

namespace Weft.Discovery.Listeners;

/// <summary>An L4 chain: bytes are relayed to one of the weighted clusters, counted both ways.</summary>
public sealed record TcpProxy
{
    public required ImmutableArray<WeightedCluster> Clusters { get; init; }

    public string? StatPrefix { get; init; }

    /// <summary>Close both sides after this long without bytes; null: Envoy's default of 1 hour.</summary>
    public TimeSpan? IdleTimeout { get; init; }
}
