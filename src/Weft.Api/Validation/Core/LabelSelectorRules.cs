using Weft.Api.Model.Core;

namespace Weft.Api.Validation.Core;

/// <summary>
/// meta/v1 label selectors as Kubernetes validates them (ValidateLabelSelector): label keys and
/// values, known operators, values present exactly for In and NotIn.
/// </summary>
public static class LabelSelectorRules
{
    public static IEnumerable<FieldError> Validate(string at, LabelSelector? selector)
    {
        if (selector is null)
            yield break;
        foreach (var e in Rules.Labels(FieldPath.Child(at, "matchLabels"), selector.MatchLabels))
            yield return e;
        if (selector.MatchExpressions is not { } expressions)
            yield break;
        for (var i = 0; i < expressions.Count; i++)
        {
            var path = FieldPath.Index(FieldPath.Child(at, "matchExpressions"), i);
            var r = expressions[i];
            switch (r.Operator)
            {
                case "In" or "NotIn":
                    if (r.Values is not { Count: > 0 })
                        yield return FieldError.Required(FieldPath.Child(path, "values"), "must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case "Exists" or "DoesNotExist":
                    if (r.Values is { Count: > 0 })
                        yield return FieldError.Forbidden(FieldPath.Child(path, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                case null:
                    yield return FieldError.Required(FieldPath.Child(path, "operator"));
                    break;
                default:
                    yield return FieldError.Invalid(FieldPath.Child(path, "operator"), r.Operator, "not a valid selector operator");
                    break;
            }
            if (r.Key is null)
                yield return FieldError.Required(FieldPath.Child(path, "key"));
            else if (Rules.QualifiedName(FieldPath.Child(path, "key"), r.Key) is { } keyError)
                yield return keyError;
            if (r.Values is { } values)
                for (var j = 0; j < values.Count; j++)
                    if (Rules.LabelValue(FieldPath.Index(FieldPath.Child(path, "values"), j), values[j]) is { } valueError)
                        yield return valueError;
        }
    }
}
