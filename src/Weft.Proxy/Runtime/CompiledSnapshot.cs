using System.Collections.Frozen;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Routing;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Runtime;

/// <summary>
/// A snapshot compiled once: route tables, listeners, cluster runtimes and the request pipeline.
/// Published with one Volatile.Write; a request reads it once and keeps it to the end, so a
/// request in flight finishes on the snapshot it started with.
/// </summary>
public sealed class CompiledSnapshot
{
    public CompiledSnapshot(ProxySnapshot source, FrozenDictionary<string, ClusterRuntime> clusters, PipelineFactory pipelines, DateTimeOffset appliedAt)
    {
        Source = source;
        Clusters = clusters;
        RouteTables = source.RouteConfigurations.ToFrozenDictionary(rc => rc.Name, rc => new CompiledRouteTable(rc, clusters), StringComparer.Ordinal);
        Listeners = source.Listeners.Select(l => new CompiledListener(l, RouteTables, clusters)).ToFrozenDictionary(l => l.SocketKey, StringComparer.Ordinal);
        Pipeline = pipelines.Build(source);
        AppliedAt = appliedAt;
    }

    public ProxySnapshot Source { get; }

    public string Version => Source.Version;

    public FrozenDictionary<string, ClusterRuntime> Clusters { get; }

    public FrozenDictionary<string, CompiledRouteTable> RouteTables { get; }

    /// <summary>By <c>address:port</c>, the key a socket keeps across snapshots.</summary>
    public FrozenDictionary<string, CompiledListener> Listeners { get; }

    public IProxyStage Pipeline { get; }

    public DateTimeOffset AppliedAt { get; }
}
