using Weft.Api.Documents;
using Weft.Api.Model.Meta;

namespace Weft.Api.Analysis.Support;

/// <summary>The pod template of a workload controller stored as written (a Deployment's <c>spec.template</c>).</summary>
internal sealed record PodTemplate(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, MapNode? Spec)
{
    public static PodTemplate Of(KubeObject controller)
    {
        var template = ((controller as GenericObject)?.Field("spec")?.Node as MapNode)?.GetMap("template");
        var meta = template?.GetMap("metadata");
        return new PodTemplate(Strings(meta?.GetMap("labels")), Strings(meta?.GetMap("annotations")), template?.GetMap("spec"));
    }

    /// <summary>A map of strings (labels, annotations); entries whose values are not scalars are left out.</summary>
    public static IReadOnlyDictionary<string, string> Strings(MapNode? map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map?.Entries ?? [])
            if (v is ScalarNode s)
                result[k.Value] = s.IsNull ? "" : s.Value;
        return result;
    }
}
