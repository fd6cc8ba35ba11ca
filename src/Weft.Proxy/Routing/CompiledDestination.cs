using Weft.Proxy.Upstream;

namespace Weft.Proxy.Routing;

/// <summary>A weighted destination resolved to its cluster runtime, with its own header operations.</summary>
public sealed class CompiledDestination(ClusterRuntime cluster, int weight, CompiledHeaderOps requestOps, CompiledHeaderOps responseOps)
{
    public ClusterRuntime Cluster { get; } = cluster;

    public int Weight { get; } = weight;

    public CompiledHeaderOps RequestOps { get; } = requestOps;

    public CompiledHeaderOps ResponseOps { get; } = responseOps;
}
