using System.Collections.Frozen;
using Weft.Discovery.Routes;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Routing;

/// <summary>
/// A route configuration compiled once per snapshot. Virtual hosts are found by authority in
/// Envoy's order: exact domain, then suffix wildcards (longest first), then prefix wildcards
/// (longest first), then <c>*</c>. Case-insensitive; the port is part of the domain.
/// </summary>
public sealed class CompiledRouteTable
{
    private readonly FrozenDictionary<string, CompiledVirtualHost> _exact;
    private readonly (string Suffix, CompiledVirtualHost Host)[] _suffixes;
    private readonly (string Prefix, CompiledVirtualHost Host)[] _prefixes;
    private readonly CompiledVirtualHost? _any;

    public CompiledRouteTable(RouteConfiguration rc, IReadOnlyDictionary<string, ClusterRuntime> clusters)
    {
        Name = rc.Name;
        var exact = new Dictionary<string, CompiledVirtualHost>(StringComparer.OrdinalIgnoreCase);
        var suffixes = new List<(string, CompiledVirtualHost)>();
        var prefixes = new List<(string, CompiledVirtualHost)>();
        foreach (var vh in rc.VirtualHosts)
        {
            var compiled = new CompiledVirtualHost(vh.Name, [.. vh.Routes.Select(r => new CompiledRoute(r, clusters))]);
            foreach (var d in vh.Domains)
            {
                if (d == "*")
                    _any = compiled;
                else if (d.StartsWith('*'))
                    suffixes.Add((d[1..], compiled));
                else if (d.EndsWith('*'))
                    prefixes.Add((d[..^1], compiled));
                else
                    exact[d] = compiled;
            }
        }
        _exact = exact.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _suffixes = [.. suffixes.OrderByDescending(s => s.Item1.Length)];
        _prefixes = [.. prefixes.OrderByDescending(s => s.Item1.Length)];
    }

    public string Name { get; }

    public CompiledVirtualHost? FindVirtualHost(string authority)
    {
        if (_exact.TryGetValue(authority, out var vh))
            return vh;
        // A wildcard must match at least one character, as Envoy's.
        foreach (var (suffix, host) in _suffixes)
            if (authority.Length > suffix.Length && authority.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return host;
        foreach (var (prefix, host) in _prefixes)
            if (authority.Length > prefix.Length && authority.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return host;
        return _any;
    }
}
