using Weft.Api.Documents;
using Weft.Api.Model.Meta;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Support;

/// <summary>
/// A running (or to-be-running) workload as the analyzers see it. Where Istio's analyzers look at
/// pods' labels, Weft's look at all of these, since Weft treats VMs and containers alike:
/// <list type="bullet">
/// <item>WorkloadEntries (a VM, a container, a process) and WorkloadGroups (the entries they register), always with a proxy;</item>
/// <item>Pods stored as written;</item>
/// <item>the pod templates of workload controllers in the manifests (Deployments, StatefulSets,
/// DaemonSets, ReplicaSets) and of KubeVirt virtual machines, whose virt-launcher pods carry the
/// template's labels; a manifest set rarely holds the pods themselves.</item>
/// </list>
/// </summary>
internal sealed record Workload(string Kind, string Namespace, string Name,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, AnalysisInput Input,
    MapNode? PodSpec, bool AlwaysInMesh)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>A Pod object itself (not a template, not a WorkloadEntry).</summary>
    public bool IsPod => Kind == "Pod";

    /// <summary><c>namespace/name</c>, as Istio names a pod in messages.</summary>
    public ObjectName FullName => new(Namespace, Name);

    /// <summary>The <c>spec</c> of an object stored as written.</summary>
    public static MapNode? SpecOf(KubeObject o) => (o as GenericObject)?.Field("spec")?.Node as MapNode;

    public static IReadOnlyList<Workload> All(AnalysisContext ctx)
    {
        var list = new List<Workload>();
        foreach (var input in ctx.Inputs)
        {
            var o = input.Object;
            switch ((input.Kind.Group, input.Kind.Kind))
            {
                case ("", "Pod"):
                case ("kubevirt.io", "VirtualMachineInstance"):
                    list.Add(new Workload(o.Kind, o.Namespace, o.Name, o.Metadata.Labels ?? None, o.Metadata.Annotations ?? None, input, SpecOf(o), false));
                    break;
                case ("apps", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet"):
                case ("kubevirt.io", "VirtualMachine"):
                    Template(list, input, SpecOf(o)?.GetMap("template"));
                    break;
                case ("pool.kubevirt.io", "VirtualMachinePool"):
                    Template(list, input, SpecOf(o)?.GetMap("virtualMachineTemplate")?.GetMap("spec")?.GetMap("template"));
                    break;
                case ("networking.istio.io", "WorkloadEntry") when o is WorkloadEntry we:
                    // A WorkloadEntry's labels are its spec's; metadata labels are the object's own.
                    list.Add(new Workload(o.Kind, o.Namespace, o.Name, we.Spec?.Labels ?? o.Metadata.Labels ?? None, o.Metadata.Annotations ?? None, input, null, true));
                    break;
                case ("networking.istio.io", "WorkloadGroup") when o is WorkloadGroup wg:
                    list.Add(new Workload(o.Kind, o.Namespace, o.Name, wg.Spec?.Metadata?.Labels ?? None, wg.Spec?.Metadata?.Annotations ?? None, input, null, true));
                    break;
            }
        }
        return list;
    }

    private static void Template(List<Workload> list, AnalysisInput input, MapNode? template)
    {
        if (template is null)
            return;
        var meta = template.GetMap("metadata");
        var o = input.Object;
        list.Add(new Workload(o.Kind, o.Namespace, o.Name, PodTemplate.Strings(meta?.GetMap("labels")), PodTemplate.Strings(meta?.GetMap("annotations")),
            input, template.GetMap("spec"), false));
    }
}
