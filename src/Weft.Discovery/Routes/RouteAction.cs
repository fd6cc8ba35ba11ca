using System.Collections.Immutable;

namespace Weft.Discovery.Routes;

/// <summary>Forward to one of the weighted clusters (one entry for a single destination).</summary>
public sealed record RouteAction
{
    /// <summary>Destinations; weights are relative (Istio's add up to 100) and must total more than 0.</summary>
    public required ImmutableArray<WeightedCluster> Clusters { get; init; }

    /// <summary>Whole-request timeout, retries included; null or zero: none (Istio's default).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Null: no retries. The control plane fills in Istio's default policy when a VirtualService sets none.</summary>
    public RetryPolicy? Retry { get; init; }

    public PathRewrite? Rewrite { get; init; }

    /// <summary>Replaces the Host/:authority sent upstream (Istio rewrite.authority).</summary>
    public string? HostRewrite { get; init; }

    public ImmutableArray<MirrorPolicy> Mirrors { get; init; } = [];
}
