using System.Collections.Frozen;
using System.Net;
using Weft.Discovery.Clusters;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Transparent;

/// <summary>
/// The address the mesh gives each service in transparent mode, as Istio's DNS auto-allocation
/// does: one from 240.240.0.0/16 per service host, handed out by the DNS proxy and mapped back
/// to the host when a connection to it is intercepted. An address, once given, stays with its
/// host for the proxy's life (a client may cache the answer), so a new snapshot only adds, unless
/// weftd allocated the host a mesh-wide address, which then replaces the one picked here.
/// Names answered: the FQDN, and for Kubernetes services <c>NAME.NS</c>, <c>NAME.NS.svc</c>, and
/// <c>NAME</c> in the proxy's own namespace.
/// </summary>
public sealed class ServiceAddresses(string ownNamespace)
{
    private const string KubernetesSuffix = ".svc.cluster.local";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IPAddress> _byHost = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fromControlPlane = new(StringComparer.Ordinal);
    private int _picked;
    private Tables _tables = new(FrozenDictionary<string, IPAddress>.Empty, FrozenDictionary<IPAddress, string>.Empty);

    private sealed record Tables(FrozenDictionary<string, IPAddress> ByName, FrozenDictionary<IPAddress, string> ByAddress);

    /// <summary>
    /// Takes the service hosts of a newly applied snapshot (its outbound clusters). A host whose
    /// cluster carries weftd's mesh-wide address (<see cref="Cluster.ServiceAddress"/>) gets that
    /// one, the same on every proxy; any other host gets one picked here, from the top of the range
    /// down so it never meets weftd's, which are handed out from the bottom up.
    /// </summary>
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
                if (c.ServiceAddress is { } given && IPAddress.TryParse(given, out var allocated))
                {
                    _byHost[host] = allocated;
                    _fromControlPlane.Add(host);
                }
                else if (!_byHost.ContainsKey(host))
                {
                    _picked++;
                    _byHost[host] = new IPAddress([240, 240, (byte)((0xfffe - _picked) >> 8), (byte)((0xfffe - _picked) & 0xff)]);
                }
                foreach (var name in NamesOf(host))
                    names[name] = _byHost[host];
            }
            // weftd's addresses first: should one ever equal a locally picked one, the mesh-wide one answers.
            var byAddress = new Dictionary<IPAddress, string>();
            foreach (var (host, address) in _byHost.OrderBy(kv => _fromControlPlane.Contains(kv.Key) ? 0 : 1))
                byAddress.TryAdd(address, host);
            Volatile.Write(ref _tables, new Tables(names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), byAddress.ToFrozenDictionary()));
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
