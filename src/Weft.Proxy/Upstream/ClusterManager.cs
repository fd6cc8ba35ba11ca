using System.Collections.Frozen;
using System.Text.Json;
using Weft.Discovery.Clusters;
using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Upstream;

/// <summary>
/// Turns a snapshot's clusters into runtimes: unchanged clusters keep theirs (pools, ejections),
/// changed or removed ones are retired after the drain period so in-flight requests finish.
/// </summary>
public sealed partial class ClusterManager(TimeProvider time, ILoggerFactory logs, TimeSpan drainPeriod) : IDisposable
{
    private readonly ILogger _log = logs.CreateLogger<ClusterManager>();
    private readonly Lock _gate = new();
    private FrozenDictionary<string, ClusterRuntime> _current = FrozenDictionary<string, ClusterRuntime>.Empty;

    public FrozenDictionary<string, ClusterRuntime> Current => Volatile.Read(ref _current);

    /// <summary>The proxy's mesh TLS (workload certificate and roots) for clusters that originate ISTIO_MUTUAL; null: none.</summary>
    public Security.Tls.MeshTls? MeshTls { get; init; }

    /// <summary>The address upstream connections leave from (a gateway's own, <see cref="Gateways.GatewaySource"/>); null: the kernel's choice.</summary>
    public System.Net.IPAddress? SourceAddress { get; init; }

    /// <summary>Builds the runtimes for a snapshot. Call <see cref="Commit"/> once the snapshot is live.</summary>
    public FrozenDictionary<string, ClusterRuntime> Prepare(ProxySnapshot snapshot)
    {
        var typeInfo = SnapshotJsonContext.Default.GetTypeInfo(typeof(Cluster))!;
        var endpoints = snapshot.Endpoints.ToDictionary(e => e.ClusterName, StringComparer.Ordinal);
        var result = new Dictionary<string, ClusterRuntime>(StringComparer.Ordinal);
        lock (_gate)
        {
            var current = Current;
            foreach (var c in snapshot.Clusters)
            {
                var key = JsonSerializer.Serialize(c, typeInfo);
                var runtime = current.TryGetValue(c.Name, out var existing) && existing.ConfigKey == key
                    ? existing
                    : new ClusterRuntime(c, key, time, logs, MeshTls, SourceAddress);
                runtime.UpdateEndpoints(endpoints.TryGetValue(c.Name, out var cla) ? cla.Endpoints : []);
                result[c.Name] = runtime;
            }
        }
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public void Commit(FrozenDictionary<string, ClusterRuntime> next)
    {
        List<ClusterRuntime> retired = [];
        lock (_gate)
        {
            foreach (var (name, old) in Current)
                if (!next.TryGetValue(name, out var kept) || !ReferenceEquals(kept, old))
                    retired.Add(old);
            Volatile.Write(ref _current, next);
        }
        if (retired.Count > 0)
            _ = RetireAsync(retired);
    }

    /// <summary>Drops runtimes prepared for a snapshot that was then refused.</summary>
    public void Abandon(FrozenDictionary<string, ClusterRuntime> prepared)
    {
        lock (_gate)
        {
            var current = Current;
            foreach (var (name, r) in prepared)
                if (!current.TryGetValue(name, out var live) || !ReferenceEquals(live, r))
                    r.Dispose();
        }
    }

    private async Task RetireAsync(List<ClusterRuntime> retired)
    {
        // In-flight requests hold the old snapshot and may still use these pools.
        await Task.Delay(drainPeriod, time);
        foreach (var r in retired)
        {
            LogRetired(_log, r.Name);
            r.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var r in Current.Values)
            r.Dispose();
    }

    [LoggerMessage(2101, LogLevel.Debug, "Closed the connection pool of cluster {Cluster}: it left the snapshot or changed")]
    private static partial void LogRetired(ILogger log, string cluster);
}
