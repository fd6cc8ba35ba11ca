using Weft.Api.Documents;
using Weft.Api.Model.Meta;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Support;

/// <summary>
/// A running workload as the analyzers see it: a WorkloadEntry (a VM, a container, a process) or a
/// Pod stored as written. Where Istio's analyzers look at pods' labels, Weft's look at these.
/// </summary>
internal sealed record Workload(string Kind, string Namespace, string Name,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, AnalysisInput Input)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public bool IsPod => Kind == "Pod";

    /// <summary><c>namespace/name</c>, as Istio names a pod in messages.</summary>
    public ObjectName FullName => new(Namespace, Name);

    /// <summary>The pod's <c>spec</c>, for pods; null for WorkloadEntries.</summary>
    public MapNode? PodSpec => SpecOf(Input.Object);

    /// <summary>The <c>spec</c> of an object stored as written.</summary>
    public static MapNode? SpecOf(KubeObject o) => (o as GenericObject)?.Field("spec")?.Node as MapNode;

    public static IReadOnlyList<Workload> All(AnalysisContext ctx)
    {
        var list = new List<Workload>();
        foreach (var pod in ctx.OfKind("", "Pod"))
        {
            var o = pod.Object;
            list.Add(new Workload("Pod", o.Namespace, o.Name, o.Metadata.Labels ?? None, o.Metadata.Annotations ?? None, pod));
        }
        foreach (var (we, input) in ctx.OfType<WorkloadEntry>())
        {
            // A WorkloadEntry's labels are its spec's; metadata labels are the object's own.
            var labels = we.Spec?.Labels ?? we.Metadata.Labels ?? None;
            list.Add(new Workload("WorkloadEntry", we.Namespace, we.Name, labels, we.Metadata.Annotations ?? None, input));
        }
        return list;
    }
}
