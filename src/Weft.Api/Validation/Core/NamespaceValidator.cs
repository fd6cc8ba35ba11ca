using Weft.Api.Model.Core;

namespace Weft.Api.Validation.Core;

/// <summary>core/v1 Namespace: its finalizers are standard names or domain-qualified (the name itself is checked with the metadata).</summary>
public sealed class NamespaceValidator : KindValidator<Namespace>
{
    private static readonly string[] StandardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    public override IEnumerable<FieldError> Validate(Namespace obj, ValidationContext ctx)
    {
        if (obj.Spec?.Finalizers is not { } finalizers)
            yield break;
        for (var i = 0; i < finalizers.Count; i++)
        {
            var path = FieldPath.Index("spec.finalizers", i);
            if (Rules.QualifiedName(path, finalizers[i]) is { } error)
                yield return error;
            else if (!finalizers[i].Contains('/', StringComparison.Ordinal) && !StandardFinalizers.Contains(finalizers[i]))
                yield return FieldError.Invalid(path, finalizers[i], "name is neither a standard finalizer name nor is it fully qualified");
        }
    }
}
