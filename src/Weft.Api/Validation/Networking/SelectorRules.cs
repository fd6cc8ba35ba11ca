using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// networking.v1alpha3.WorkloadSelector (<c>labels</c>: ServiceEntry, Sidecar, EnvoyFilter): exact
/// labels, so a wildcard or an empty key could never match. The istio.type selector
/// (<c>matchLabels</c>) is checked by <see cref="PolicyTargetRules.Selector"/>.
/// </summary>
public static class SelectorRules
{
    public static IEnumerable<FieldError> Labels(string path, WorkloadLabelSelector? selector)
    {
        if (selector?.Labels is not { } labels)
            yield break;
        var labelsPath = FieldPath.Child(path, "labels");
        if (Crd.MaxProperties(labelsPath, labels.Count, 256) is { } tooMany)
            yield return tooMany;
        foreach (var (key, value) in labels)
        {
            var at = FieldPath.Key(labelsPath, key);
            if (key.Length == 0)
                yield return FieldError.Invalid(at, key, $"empty key is not supported in selector: \"={value}\"");
            else if (key.Contains('*', StringComparison.Ordinal))
                yield return FieldError.Invalid(at, key, $"wildcard is not supported in selector: \"{key}={value}\"");
            if (Crd.MaxLength(at, value, 63) is { } tooLong)
                yield return tooLong;
            if (value.Contains('*', StringComparison.Ordinal))
                yield return Crd.Rule(at, "string", "wildcard is not supported in selector");
        }
    }
}
