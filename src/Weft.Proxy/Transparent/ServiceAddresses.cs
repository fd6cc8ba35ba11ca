using System.Collections.Frozen;
using System.Net;
using Weft.Discovery.Clusters;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Transparent;

/// <summary>
/// The address the mesh gives each service in transparent mode, as Istio's DNS auto-allocation
/// does: one from 240.240.0.0/16 per service host, handed out by the DNS proxy and mapped back
/// to the host when a connection to it is intercepted. An address, once given, stays with its
/// host for the proxy's life (a client may cache the answer), so a new snapshot only adds.
/// Names answered: the FQDN, and for Kubernetes services <c>NAME.NS</c>, <c>NAME.NS.svc</c>, and
/// <c>NAME</c> in the proxy's own namespace.
/// </summary>
public sealed class ServiceAddresses(string ownNamespace)
{
    private const string KubernetesSuffix = ".svc.cluster.local";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IPAddress> _byHost = new(StringComparer.Ordinal);
    private Tables _tables = new(FrozenDictionary<string, IPAddress>.Empty, FrozenDictionary<IPAddress, string>.Empty);

    private sealed record Tables(FrozenDictionary<string, IPAddress> ByName, FrozenDictionary<IPAddress, string> ByAddress);

    /// <summary>Takes the service hosts of a newly applied snapshot (its outbound clusters).</summary>
    public void Update(ProxySnapshot snapshot)
    {
        lock (_gate)
        {
            var names = new Dictionary<string, IPAddress>(StringComparer.OrdinalIgnoreCase);
            foreach (var c in snapshot.Clusters)
            {
                if (c.Type != ClusterType.Eds || c.ServiceName.Length == 0 || !c.Name.StartsWith("outbound|", StringComparison.Ordinal))
                    continue;
                var host = c.ServiceName.ToLowerInvariant();
                if (!_byHost.TryGetValue(host, out var address))
                {
                    var n = _byHost.Count + 1;
                    address = new IPAddress([240, 240, (byte)(n >> 8), (byte)(n & 0xff)]);
                    _byHost[host] = address;
                }
                foreach (var name in NamesOf(host))
                    names[name] = address;
            }
            Volatile.Write(ref _tables, new Tables(names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
                _byHost.ToFrozenDictionary(kv => kv.Value, kv => kv.Key)));
        }
    }

    /// <summary>The mesh address of a name a client looked up (no trailing dot), or null when it is not a mesh host.</summary>
    public IPAddress? Resolve(string name) => Volatile.Read(ref _tables).ByName.GetValueOrDefault(name.TrimEnd('.'));

    /// <summary>The service host behind a mesh address, or null for any other address.</summary>
    public string? HostOf(IPAddress address) => Volatile.Read(ref _tables).ByAddress.GetValueOrDefault(address);

    /// <summary>Whether a name is under the Kubernetes service suffix (unknown ones there are NXDOMAIN, never forwarded).</summary>
    public static bool IsClusterLocal(string name) => name.TrimEnd('.').EndsWith(KubernetesSuffix, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<string> NamesOf(string host)
    {
        yield return host;
        if (!host.EndsWith(KubernetesSuffix, StringComparison.Ordinal))
            yield break;
        var parts = host[..^KubernetesSuffix.Length].Split('.');
        if (parts.Length != 2)
            yield break;
        yield return $"{parts[0]}.{parts[1]}";
        yield return $"{parts[0]}.{parts[1]}.svc";
        if (parts[1] == ownNamespace)
            yield return parts[0];
    }
}
