using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Api.Loading;

/// <summary>An object read from a source, with where it came from and where each of its fields was written.</summary>
public sealed record LoadedObject(KubeObject Object, KindInfo Kind, string Source, int DocumentIndex, string? ItemPath, SourceMap Map)
{
    /// <summary>Where the object starts.</summary>
    public Mark At => Map.Find("");

    /// <summary>Places a field error of this object in its source.</summary>
    public Diagnostic Locate(FieldError error) => new(Source, DocumentIndex, Map.Find(error.Path), Object.Origin,
        ItemPath is null ? error : error with { Path = FieldPath.Child(ItemPath, error.Path) });
}

/// <summary>The objects read from some sources, and every problem found reading them.</summary>
public sealed record LoadResult(IReadOnlyList<LoadedObject> Objects, IReadOnlyList<Diagnostic> Errors)
{
    public bool Ok => Errors.Count == 0;

    public static LoadResult Combine(IEnumerable<LoadResult> results)
    {
        var objects = new List<LoadedObject>();
        var errors = new List<Diagnostic>();
        foreach (var r in results)
        {
            objects.AddRange(r.Objects);
            errors.AddRange(r.Errors);
        }
        return new LoadResult(objects, errors);
    }
}
