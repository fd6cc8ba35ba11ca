using Weft.Api.Model.Core;
using Weft.Api.Model.Networking;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Analysis.Support;

/// <summary>
/// Every host the mesh knows, each visible in a scope (a namespace, or <c>*</c> for all), built the way
/// Istio's analyzers do it: ServiceEntries by their exportTo, Services by their
/// <c>networking.istio.io/exportTo</c> annotation; a Service replaces a ServiceEntry of the same host.
/// </summary>
internal sealed class ServiceRegistry
{
    private const string ExportToAnnotation = "networking.istio.io/exportTo";

    private readonly Dictionary<(string Scope, string Host), ServiceHost> _hosts = [];
    private readonly string _domain;

    public ServiceRegistry(AnalysisContext ctx)
    {
        _domain = ctx.Options.DomainSuffix;
        foreach (var (se, input) in ctx.OfType<ServiceEntry>())
        {
            var spec = se.Spec;
            if (spec?.Hosts is null)
                continue;
            var ports = (spec.Ports ?? []).Select(p => new ServicePortInfo(p.Number ?? 0, p.Name, p.Protocol)).ToArray();
            var host = (string h) => new ServiceHost(Hosts.ToFqdn(se.Namespace, h, _domain), ports, spec.WorkloadSelector?.Labels, input);
            foreach (var h in spec.Hosts)
            {
                foreach (var scope in Scopes(spec.ExportTo, se.Namespace))
                    _hosts[(scope, Hosts.ToFqdn(se.Namespace, h, _domain))] = host(h);
            }
        }
        foreach (var (svc, input) in ctx.OfType<Service>())
        {
            var ports = (svc.Spec?.Ports ?? []).Select(p => new ServicePortInfo((uint)(p.Port ?? 0), p.Name, p.Protocol)).ToArray();
            var fqdn = Hosts.ToFqdn(svc.Namespace, svc.Name, _domain);
            var entry = new ServiceHost(fqdn, ports, null, input);
            var annotation = svc.Metadata.Annotation(ExportToAnnotation);
            IEnumerable<string> scopes = string.IsNullOrEmpty(annotation)
                ? [Hosts.ExportToAll]
                : annotation.Split(',').Select(s => s == Hosts.ExportToLocal ? svc.Namespace : s);
            foreach (var scope in scopes)
                _hosts[(scope, fqdn)] = entry;
        }
    }

    /// <summary>The scopes an exportTo list makes a host visible in: <c>*</c> when empty or when it has <c>*</c>.</summary>
    public static IReadOnlyList<string> Scopes(IReadOnlyList<string>? exportTo, string ns)
    {
        if (exportTo is null || exportTo.Count == 0 || exportTo.Contains(Hosts.ExportToAll))
            return [Hosts.ExportToAll];
        return exportTo.Select(e => e == Hosts.ExportToLocal ? ns : e).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// The service a destination host resolves to from a namespace: exact hosts visible to all, then
    /// visible in the namespaces the referrer is exported to, then wildcard hosts; null when none.
    /// </summary>
    public ServiceHost? Resolve(string fromNamespace, IReadOnlyList<string>? exportTo, string host)
    {
        var fqdn = Hosts.ToFqdn(fromNamespace, host, _domain);
        if (_hosts.TryGetValue((Hosts.ExportToAll, fqdn), out var s))
            return s;
        if (exportTo is null || exportTo.Count == 0)
        {
            if (_hosts.TryGetValue((fromNamespace, fqdn), out s))
                return s;
        }
        else
        {
            foreach (var e in exportTo)
                if (_hosts.TryGetValue((e == Hosts.ExportToLocal ? fromNamespace : e, fqdn), out s))
                    return s;
        }
        var bare = HostNames.IsWildcarded(host) ? host[1..] : host;
        foreach (var ((scope, h), entry) in _hosts)
        {
            if (!HostNames.IsWildcarded(h) || (scope != Hosts.ExportToAll && scope != fromNamespace))
                continue;
            if (bare.EndsWith(h[1..], StringComparison.Ordinal))
                return entry;
        }
        return null;
    }
}
