using System.Collections.Immutable;
using Weft.Api.Model.Core;
using Weft.Api.Model.Networking;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Translation;

namespace Weft.ControlPlane.Push;

/// <summary>
/// What one config change (two settled revisions) can affect, so only that is built again
/// (Istio's ConfigsUpdated against SidecarScope dependencies):
/// <see cref="OutboundAll"/>/<see cref="Outbound"/> name the namespaces whose sidecars' outbound
/// parts may differ (a VirtualService, DestinationRule, Service or ServiceEntry where it is
/// exported and in its own namespace; a WorkloadEntry where the services selecting it are seen;
/// a Sidecar in its namespace, or everywhere from the root namespace), and
/// <see cref="ChangedAll"/>/<see cref="Changed"/> the namespaces holding a changed object, for a
/// proxy's own parts (inbound, security, telemetry), which read its own and the root namespace
/// only. A kind this does not know affects everything; so does a change of mesh config, which is
/// the <c>istio</c> ConfigMap of the root namespace (a kind stored as written).
/// </summary>
public sealed record ChangeScope(bool OutboundAll, ImmutableHashSet<string> Outbound, bool ChangedAll, ImmutableHashSet<string> Changed)
{
    public static ChangeScope Everything { get; } = new(true, [], true, []);

    /// <summary>Whether the outbound part of sidecars in <paramref name="ns"/> may have changed.</summary>
    public bool AffectsOutbound(string ns) => OutboundAll || Outbound.Contains(ns);

    /// <summary>Whether the own parts of a sidecar in <paramref name="ns"/> may have changed.</summary>
    public bool AffectsOwn(string ns, string rootNamespace) => ChangedAll || Changed.Contains(ns) || Changed.Contains(rootNamespace);

    // Kinds that never reach a sidecar's outbound part: policies and telemetry are per proxy (its
    // namespace and the root's), gateways and their routes configure gateway proxies only, and a
    // WorkloadGroup reaches the mesh through the WorkloadEntries it registers.
    private static readonly ImmutableHashSet<string> OwnOnlyGroups = ["security.istio.io", "telemetry.istio.io", "gateway.networking.k8s.io"];

    public static ChangeScope Between(ConfigSnapshot before, PushContext beforePush, ConfigSnapshot after, PushContext afterPush)
    {
        if (beforePush.RootNamespace != afterPush.RootNamespace || beforePush.TrustDomain != afterPush.TrustDomain)
            return Everything;
        var old = new Dictionary<string, StoredConfig>(before.Objects.Length, StringComparer.Ordinal);
        foreach (var o in before.Objects)
            old[o.Key] = o;
        var outbound = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var changed = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var outboundAll = false;
        var changedAll = false;
        void Visit(StoredConfig? was, StoredConfig? now)
        {
            var o = (now ?? was)!;
            var ns = o.Object.Namespace;
            if (string.IsNullOrEmpty(ns))
            {
                // Cluster-scoped (a Namespace, a kind stored as written): nothing reads these for a sidecar's outbound part
                // but a kind unknown here might be read by a proxy's own part.
                changedAll = true;
                if (o.Kind.Kind != "Namespace")
                    outboundAll = true;
                return;
            }
            changed.Add(ns);
            if (outboundAll)
                return;
            switch (o.Object)
            {
                case VirtualService:
                    foreach (var v in new[] { was, now })
                        if (v?.Object is VirtualService vs)
                            AddVirtualService(vs, afterPush, outbound, ref outboundAll);
                    break;
                case DestinationRule:
                    outbound.Add(ns);
                    foreach (var v in new[] { was, now })
                        if (v?.Object is DestinationRule dr)
                            Add(Visibility.Of(dr.Spec?.ExportTo, afterPush.Mesh.DefaultDestinationRuleExportTo, ns), outbound, ref outboundAll);
                    break;
                case Service or ServiceEntry:
                    outbound.Add(ns);
                    var source = o.Object is Service ? "Service" : "ServiceEntry";
                    foreach (var push in new[] { beforePush, afterPush })
                        foreach (var s in push.Services)
                            if (s.Namespace == ns && s.Name == o.Object.Name && s.Source == source)
                                Add(s.ExportTo, outbound, ref outboundAll);
                    break;
                case WorkloadEntry:
                    outbound.Add(ns);
                    foreach (var push in new[] { beforePush, afterPush })
                        foreach (var w in push.Workloads)
                            if (w.Namespace == ns && w.Name == o.Object.Name)
                                foreach (var s in beforePush.ServicesSelecting(ns, w.Labels).Concat(afterPush.ServicesSelecting(ns, w.Labels)))
                                    Add(s.ExportTo, outbound, ref outboundAll);
                    break;
                case Sidecar:
                    if (ns == afterPush.RootNamespace)
                        outboundAll = true;
                    outbound.Add(ns);
                    break;
                case Gateway or WorkloadGroup:
                    break;
                default:
                    if (!OwnOnlyGroups.Contains(o.Kind.Group))
                        outboundAll = true;
                    break;
            }
        }
        foreach (var o in after.Objects)
        {
            if (old.Remove(o.Key, out var was))
            {
                if (was.ModRevision != o.ModRevision)
                    Visit(was, o);
            }
            else
            {
                Visit(null, o);
            }
        }
        foreach (var gone in old.Values)
            Visit(gone, null);
        return new ChangeScope(outboundAll, outbound.ToImmutable(), changedAll, changed.ToImmutable());
    }

    private static void AddVirtualService(VirtualService vs, PushContext push, ImmutableHashSet<string>.Builder outbound, ref bool all)
    {
        var spec = vs.Spec ?? new VirtualServiceSpec();
        // A delegate (no hosts) is reached through whichever root names it.
        if (spec.Hosts is not { Count: > 0 })
        {
            all = true;
            return;
        }
        if (spec.Gateways is { Count: > 0 } gateways && !gateways.Contains(PushContext.MeshGateway))
            return;
        Add(Visibility.Of(spec.ExportTo, push.Mesh.DefaultVirtualServiceExportTo, vs.Namespace), outbound, ref all);
    }

    private static void Add(Visibility visibility, ImmutableHashSet<string>.Builder outbound, ref bool all)
    {
        if (visibility.All)
            all = true;
        else
            outbound.UnionWith(visibility.Namespaces);
    }
}
