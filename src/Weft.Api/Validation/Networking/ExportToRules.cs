namespace Weft.Api.Validation.Networking;

/// <summary>
/// <c>exportTo</c>: the namespaces an Istio resource is visible to. Each entry is <c>.</c> (its own
/// namespace), <c>*</c> (all), a namespace name, or, for a ServiceEntry only, <c>~</c> (none).
/// </summary>
public static class ExportToRules
{
    /// <summary>What a DestinationRule with a workload selector adds: it can only be visible in its own namespace.</summary>
    public enum Kind
    {
        Default,
        ServiceEntry,
        DestinationRuleWithSelector,
    }

    public static IEnumerable<FieldError> Validate(string path, string objectNamespace, IReadOnlyList<string>? exportTo, Kind kind = Kind.Default)
    {
        if (exportTo is null || exportTo.Count == 0)
            yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < exportTo.Count; i++)
        {
            var entry = exportTo[i];
            var at = FieldPath.Index(path, i);
            // "." is the object's own namespace, so "." and that namespace's name are the same entry.
            var key = entry == "." ? objectNamespace : entry;
            if (seen.Contains(key))
            {
                yield return FieldError.Duplicate(at, entry) with
                {
                    Reason = key != entry
                        ? $"Duplicate value: \".\": duplicate entries in exportTo: . and current namespace {objectNamespace}"
                        : $"Duplicate value: {FieldError.Format(entry)}: duplicate entries in exportTo for entry {entry}",
                };
                continue;
            }
            if (entry == "~" && kind == Kind.ServiceEntry)
            {
                seen.Add(key);
                continue;
            }
            if (CheckEntry(entry) is { } reason)
            {
                yield return FieldError.Invalid(at, entry, reason);
                continue;
            }
            seen.Add(key);
        }
        if (kind == Kind.DestinationRuleWithSelector && seen.Count > 0)
        {
            if (!seen.Contains(objectNamespace))
                yield return FieldError.InvalidNoValue(path, "destination rule with workload selector cannot have exportTo beyond current namespace");
            else if (seen.Count > 1)
                yield return FieldError.InvalidNoValue(path, "destination rule with workload selector cannot have multiple entries in exportTo");
        }
        if (seen.Contains("*") && exportTo.Count > 1)
            yield return FieldError.InvalidNoValue(path, "cannot have both public (*) and non-public exportTo values for a resource");
        if (seen.Contains("~") && exportTo.Count > 1)
            yield return FieldError.InvalidNoValue(path, "cannot export service entry to no one (~) and someone");
    }

    private static string? CheckEntry(string entry) => entry switch
    {
        "." or "*" => null,
        "~" => "exportTo ~ (none) is not allowed for Istio configuration objects",
        // Kubernetes namespaces are lower-case labels; Istio checks with its own (case-blind) label rule.
        _ when HostRules.IsDns1123Label(entry) => null,
        _ => "only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry",
    };
}
