using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Meta;
using Weft.Api.Model.Networking;
using Weft.ControlPlane.Config;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// Everything translation needs at one config revision, indexed once and shared by every proxy
/// (Istio's PushContext): services and their endpoints, the VirtualServices of the mesh gateway,
/// DestinationRules by namespace, Sidecars and the mesh defaults. Immutable; per-proxy views
/// (<see cref="SidecarScope"/>) are computed on demand and memoised here.
/// </summary>
public sealed class PushContext
{
    public const string MeshGateway = "mesh";

    private readonly FrozenDictionary<(string Host, int Port, string Ns), ImmutableArray<ServiceEndpoint>> _endpoints;
    private readonly FrozenDictionary<string, VirtualService> _delegates;
    private readonly ConcurrentDictionary<string, SidecarScope> _scopes = new(StringComparer.Ordinal);

    private PushContext(long revision, MeshConfig mesh, ImmutableArray<MeshService> services, ImmutableArray<WorkloadInstance> workloads,
        ImmutableArray<VirtualServiceEntry> virtualServices, FrozenDictionary<string, VirtualService> delegates,
        ImmutableArray<DestinationRuleEntry> destinationRules, ImmutableArray<Sidecar> sidecars)
    {
        Revision = revision;
        Mesh = mesh;
        Services = services;
        Workloads = workloads;
        VirtualServices = virtualServices;
        _delegates = delegates;
        DestinationRules = destinationRules;
        Sidecars = sidecars;
        var endpoints = new Dictionary<(string, int, string), ImmutableArray<ServiceEndpoint>>();
        foreach (var s in services)
            foreach (var p in s.Ports)
                endpoints[(s.Hostname, p.Port, s.Namespace)] = RegistryBuilder.Endpoints(s, p, workloads);
        _endpoints = endpoints.ToFrozenDictionary();
    }

    public long Revision { get; }
    public MeshConfig Mesh { get; }
    public string RootNamespace => Mesh.RootNamespace ?? "istio-system";
    public string TrustDomain => string.IsNullOrEmpty(Mesh.TrustDomain) ? HostNames.DomainSuffix : Mesh.TrustDomain;

    /// <summary>Every service, by hostname then namespace.</summary>
    public ImmutableArray<MeshService> Services { get; }
    public ImmutableArray<WorkloadInstance> Workloads { get; }
    /// <summary>VirtualServices that apply to sidecars (gateways empty or naming <c>mesh</c>), oldest first.</summary>
    public ImmutableArray<VirtualServiceEntry> VirtualServices { get; }
    /// <summary>DestinationRules, oldest first.</summary>
    public ImmutableArray<DestinationRuleEntry> DestinationRules { get; }
    public ImmutableArray<Sidecar> Sidecars { get; }
    /// <summary>Telemetry API resources, oldest first (resolved per proxy by Telemetry/TelemetryPolicies).</summary>
    public ImmutableArray<Weft.Api.Model.Telemetry.Telemetry> Telemetries { get; private init; } = [];
    /// <summary>Istio and Gateway API gateways, the routes bound to them, and their status (Translation/Gateways).</summary>
    public Translation.Gateways.GatewayIndex Gateways { get; private init; } = Translation.Gateways.GatewayIndex.Empty;
    /// <summary>PeerAuthentications, AuthorizationPolicies and path normalization (Translation/Security).</summary>
    public Translation.Security.SecurityIndex Security { get; private init; } = Translation.Security.SecurityIndex.Empty;
    /// <summary>WorkloadGroups by namespace and name: their probes go to the proxies that name them (Workloads/WorkloadProbes).</summary>
    public FrozenDictionary<(string Ns, string Name), WorkloadGroup> WorkloadGroups { get; private init; } = FrozenDictionary<(string Ns, string Name), WorkloadGroup>.Empty;

    /// <summary>The mesh-wide outbound policy (ALLOW_ANY unless MeshConfig says otherwise).</summary>
    public OutboundTrafficPolicyMode MeshOutboundMode =>
        Mesh.OutboundTrafficPolicy?.Mode == OutboundTrafficMode.RegistryOnly ? OutboundTrafficPolicyMode.RegistryOnly : OutboundTrafficPolicyMode.AllowAny;

    public static PushContext Build(ConfigSnapshot config, MeshConfig mesh, Translation.Security.IJwksSource? jwks = null)
    {
        var services = RegistryBuilder.Services(config, mesh);
        var workloads = RegistryBuilder.Workloads(config);
        var vs = new List<VirtualServiceEntry>();
        var delegates = new Dictionary<string, VirtualService>(StringComparer.Ordinal);
        foreach (var v in Oldest(config.OfType<VirtualService>()))
        {
            var spec = v.Spec ?? new VirtualServiceSpec();
            // A VirtualService without hosts is a delegate: only a root's http route reaches it.
            if (spec.Hosts is not { Count: > 0 } hosts)
            {
                delegates[$"{v.Namespace}/{v.Name}"] = v;
                continue;
            }
            var gateways = (spec.Gateways is { Count: > 0 } g ? g : [MeshGateway]).ToImmutableArray();
            if (!gateways.Contains(MeshGateway))
                continue;
            vs.Add(new VirtualServiceEntry(v, [.. hosts.Select(h => HostNames.Resolve(h, v.Namespace))], gateways,
                Visibility.Of(spec.ExportTo, mesh.DefaultVirtualServiceExportTo, v.Namespace)));
        }
        var drs = Oldest(config.OfType<DestinationRule>())
            .Where(d => d.Spec?.Host is { Length: > 0 })
            .Select(d => new DestinationRuleEntry(d, HostNames.Resolve(d.Spec!.Host!, d.Namespace),
                Visibility.Of(d.Spec.ExportTo, mesh.DefaultDestinationRuleExportTo, d.Namespace)))
            .ToImmutableArray();
        var sidecars = Oldest(config.OfType<Sidecar>()).ToImmutableArray();
        return new PushContext(config.Revision, mesh, services, workloads, [.. vs], delegates.ToFrozenDictionary(StringComparer.Ordinal), drs, sidecars)
        {
            Gateways = Translation.Gateways.GatewayIndex.Build(config, mesh, services),
            Security = Translation.Security.SecurityIndex.Build(config, mesh, jwks),
            Telemetries = [.. Oldest(config.OfType<Weft.Api.Model.Telemetry.Telemetry>())],
            WorkloadGroups = config.OfType<WorkloadGroup>().ToFrozenDictionary(g => (g.Namespace, g.Name)),
        };
    }

    /// <summary>Istio orders conflicting config by creation time, then by namespace and name.</summary>
    private static IEnumerable<T> Oldest<T>(IEnumerable<T> objects) where T : KubeObject =>
        objects.OrderBy(o => o.Metadata.CreationTimestamp ?? "", StringComparer.Ordinal)
            .ThenBy(o => o.Namespace, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal);

    /// <summary>The endpoints of one service port.</summary>
    public ImmutableArray<ServiceEndpoint> Endpoints(MeshService service, int port) =>
        _endpoints.TryGetValue((service.Hostname, port, service.Namespace), out var list) ? list : [];

    /// <summary>A delegate VirtualService by namespace and name.</summary>
    public VirtualService? Delegate(string ns, string name) => _delegates.GetValueOrDefault($"{ns}/{name}");

    /// <summary>
    /// What a proxy in <paramref name="node"/>'s namespace with its labels may see; computed once
    /// per push for each namespace and Sidecar resource that applies (labels matter only through
    /// the Sidecar they select, so a thousand workloads of one namespace share one scope).
    /// </summary>
    public SidecarScope ScopeFor(NodeInfo node)
    {
        var sidecar = SidecarScope.Select(this, node.Namespace, node.Labels);
        var key = sidecar is null ? node.Namespace : $"{node.Namespace}\n{sidecar.Namespace}/{sidecar.Name}";
        return _scopes.GetOrAdd(key, _ => SidecarScope.Build(this, node.Namespace, node.Labels));
    }

    /// <summary>
    /// What the outbound half of a proxy's snapshot (<see cref="OutboundPart"/>) depends on
    /// besides the push context and the connected sidecars: its mode, its namespace, and the
    /// values of the labels some selector reads (Sidecar and DestinationRule workload selectors,
    /// VirtualService sourceLabels). Proxies with one key get identical outbound parts.
    /// </summary>
    public string OutboundKey(NodeInfo node)
    {
        var key = new System.Text.StringBuilder();
        key.Append(node.Mode).Append('\n').Append(node.Namespace);
        var keys = SelectorLabelKeys;
        if (keys.Count == 0)
            return key.ToString();
        foreach (var (k, v) in node.Labels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (keys.Contains(k))
                key.Append('\n').Append(k).Append('=').Append(v);
        return key.ToString();
    }

    /// <summary>Every label key a selector that decides a sidecar's outbound config reads (see <see cref="OutboundKey"/>).</summary>
    public FrozenSet<string> SelectorLabelKeys => _selectorLabelKeys ??= CollectSelectorLabelKeys();

    private FrozenSet<string>? _selectorLabelKeys;

    private FrozenSet<string> CollectSelectorLabelKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Add(IReadOnlyDictionary<string, string>? labels)
        {
            foreach (var k in labels?.Keys ?? [])
                keys.Add(k);
        }
        foreach (var s in Sidecars)
            Add(s.Spec?.WorkloadSelector?.Labels);
        foreach (var d in DestinationRules)
            Add(d.Spec.WorkloadSelector?.MatchLabels);
        foreach (var v in VirtualServices.Select(v => v.Object).Concat(_delegates.Values))
        {
            foreach (var r in v.Spec?.Http ?? [])
                foreach (var m in r.Match ?? [])
                    Add(m?.SourceLabels);
            foreach (var r in v.Spec?.Tcp ?? [])
                foreach (var m in r.Match ?? [])
                    Add(m?.SourceLabels);
            foreach (var r in v.Spec?.Tls ?? [])
                foreach (var m in r.Match ?? [])
                    Add(m?.SourceLabels);
        }
        return keys.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The services a workload belongs to: those whose selector matches it in its namespace.</summary>
    public IEnumerable<MeshService> ServicesSelecting(string ns, IReadOnlyDictionary<string, string> labels) =>
        Services.Where(s => s.Namespace == ns && s.Selector is { } sel && Labels.Match(sel, labels));
}
