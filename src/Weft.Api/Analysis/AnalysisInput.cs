using Weft.Api.Binding;
using Weft.Api.Kinds;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;

namespace Weft.Api.Analysis;

/// <summary>One object to analyze, with where it came from (a file, or the store).</summary>
public sealed record AnalysisInput(KubeObject Object, KindInfo Kind, string? Source = null, SourceMap? Map = null)
{
    public static AnalysisInput From(LoadedObject o) => new(o.Object, o.Kind, o.Source, o.Map);

    /// <summary>
    /// An object read from a file, placed in <paramref name="defaultNamespace"/> when it is namespaced and
    /// names no namespace, as kubectl (and istioctl analyze) place it.
    /// </summary>
    public static AnalysisInput From(LoadedObject o, string defaultNamespace) =>
        o.Kind.Namespaced && string.IsNullOrEmpty(o.Object.Metadata.Namespace)
            ? new(o.Object with { Metadata = o.Object.Metadata with { Namespace = defaultNamespace } }, o.Kind, o.Source, o.Map)
            : From(o);
}
