using System.Collections.Frozen;
using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// What the sidecars of one namespace with one set of labels may see (Istio's SidecarScope):
/// the Sidecar resource that applies to them (their namespace's with a matching selector, else
/// their namespace's default, else the root namespace's), the services and VirtualServices
/// exported to their namespace and allowed by its egress hosts, and the outbound policy.
/// </summary>
public sealed class SidecarScope
{
    private SidecarScope(string ns, Sidecar? sidecar, ImmutableArray<EgressScope> egress, ImmutableArray<MeshService> services,
        ImmutableArray<VirtualServiceEntry> virtualServices, OutboundTrafficPolicyMode outbound)
    {
        Namespace = ns;
        Sidecar = sidecar;
        Egress = egress;
        Services = services;
        _byHost = services.ToFrozenDictionary(x => x.Hostname, StringComparer.Ordinal);
        VirtualServices = virtualServices;
        OutboundMode = outbound;
    }

    private readonly FrozenDictionary<string, MeshService> _byHost;

    public string Namespace { get; }
    public Sidecar? Sidecar { get; }
    /// <summary>Empty: no Sidecar restricts egress (every exported service is visible).</summary>
    public ImmutableArray<EgressScope> Egress { get; }
    /// <summary>Visible services, one per hostname (the proxy's own namespace wins, then the first by namespace).</summary>
    public ImmutableArray<MeshService> Services { get; }
    public ImmutableArray<VirtualServiceEntry> VirtualServices { get; }
    public OutboundTrafficPolicyMode OutboundMode { get; }

    public static SidecarScope Build(PushContext push, string ns, IReadOnlyDictionary<string, string> labels)
    {
        var sidecar = Select(push, ns, labels);
        var egress = (sidecar?.Spec?.Egress ?? []).Select(e => EgressScope.Parse(e, ns)).ToImmutableArray();

        var byHost = new Dictionary<string, MeshService>(StringComparer.Ordinal);
        foreach (var s in push.Services)
        {
            if (!s.ExportTo.VisibleTo(ns))
                continue;
            if (!egress.IsEmpty && !egress.Any(e => e.Allows(s.Namespace, s.Hostname)))
                continue;
            if (byHost.TryGetValue(s.Hostname, out var existing) && (existing.Namespace == ns || s.Namespace != ns))
                continue;
            byHost[s.Hostname] = s;
        }
        var services = byHost.Values.OrderBy(s => s.Hostname, StringComparer.Ordinal).ToImmutableArray();
        var vs = push.VirtualServices.Where(v => v.ExportTo.VisibleTo(ns)
            && (egress.IsEmpty || v.Hosts.Any(h => egress.Any(e => e.Allows(v.Namespace, h))))).ToImmutableArray();
        var outbound = sidecar?.Spec?.OutboundTrafficPolicy?.Mode ?? push.MeshOutboundMode;
        return new SidecarScope(ns, sidecar, egress, services, vs, outbound);
    }

    /// <summary>The Sidecar resource that applies: the namespace's with a matching selector, else its default, else the root namespace's.</summary>
    public static Sidecar? Select(PushContext push, string ns, IReadOnlyDictionary<string, string> labels) =>
        push.Sidecars.FirstOrDefault(s => s.Namespace == ns && s.Spec?.WorkloadSelector?.Labels is { Count: > 0 } sel && Labels.Match(sel, labels))
            ?? push.Sidecars.FirstOrDefault(s => s.Namespace == ns && s.Spec?.WorkloadSelector?.Labels is not { Count: > 0 })
            ?? push.Sidecars.FirstOrDefault(s => s.Namespace == push.RootNamespace && s.Spec?.WorkloadSelector?.Labels is not { Count: > 0 });

    /// <summary>The visible service of a hostname, if any.</summary>
    public MeshService? Service(string hostname) => _byHost.GetValueOrDefault(hostname);

    /// <summary>Whether one port of a visible service is in scope (an egress listener with a port limits its hosts to it).</summary>
    public bool PortVisible(MeshService service, int port) =>
        Egress.IsEmpty || Egress.Any(e => (e.Port is null || e.Port == port) && e.Allows(service.Namespace, service.Hostname));

    /// <summary>
    /// The VirtualService that routes a service for these sidecars: one naming its host exactly
    /// wins over wildcards, then the most specific wildcard, then the oldest (Istio keeps the first).
    /// </summary>
    public VirtualServiceEntry? VirtualServiceFor(MeshService service)
    {
        VirtualServiceEntry? best = null;
        var bestScore = -1;
        foreach (var v in VirtualServices)
        {
            foreach (var h in v.Hosts)
            {
                if (!HostNames.Matches(h, service.Hostname))
                    continue;
                var score = HostNames.Specificity(h);
                if (score > bestScore)
                {
                    best = v;
                    bestScore = score;
                }
            }
        }
        return best;
    }
}

/// <summary>One Sidecar egress listener: its port (if any) and its <c>namespace/host</c> patterns.</summary>
public sealed record EgressScope(int? Port, ImmutableArray<(string Ns, string Host)> Hosts)
{
    public static EgressScope Parse(IstioEgressListener listener, string proxyNamespace)
    {
        var hosts = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var h in listener.Hosts ?? [])
        {
            var slash = h.IndexOf('/', StringComparison.Ordinal);
            var ns = slash < 0 ? "*" : h[..slash];
            var host = slash < 0 ? h : h[(slash + 1)..];
            if (ns == ".")
                ns = proxyNamespace;
            hosts.Add((ns, host.ToLowerInvariant()));
        }
        return new EgressScope(listener.Port?.Number is { } p ? (int)p : null, hosts.ToImmutable());
    }

    public bool Allows(string ns, string host)
    {
        foreach (var (n, h) in Hosts)
        {
            if (n == "~")
                continue;
            if (n != "*" && n != ns)
                continue;
            if (HostNames.Matches(h, host))
                return true;
        }
        return false;
    }
}
