using System.Text.RegularExpressions;
using Weft.Api.Model.Istio;

namespace Weft.Api.Validation.Istio;

/// <summary>
/// How an Istio policy chooses its workloads: a label selector, or references to Gateway API
/// resources (targetRef, targetRefs), never both. The CRDs' schema and CEL rules plus Istio's
/// webhook checks on the kinds a policy may attach to.
/// </summary>
public static partial class PolicyTargetRules
{
    /// <summary>The kinds a policy may attach to, as Istio allows them (group, kind).</summary>
    public static readonly IReadOnlyList<(string Group, string Kind)> AllowedTargets =
    [
        ("", "Service"),
        ("networking.istio.io", "ServiceEntry"),
        ("gateway.networking.k8s.io", "Gateway"),
        ("gateway.networking.k8s.io", "GatewayClass"),
    ];

    private const string OneOfMessage = "only one of targetRefs or selector can be set";

    /// <summary>The CRD rule: at most one of selector, targetRef and targetRefs.</summary>
    public static FieldError? OnlyOneOf(string specPath, WorkloadSelector? selector, PolicyTargetReference? targetRef,
        IReadOnlyList<PolicyTargetReference>? targetRefs)
    {
        var set = (selector is null ? 0 : 1) + (targetRef is null ? 0 : 1) + (targetRefs is null ? 0 : 1);
        return set > 1 ? Crd.Rule(specPath, "object", OneOfMessage) : null;
    }

    /// <summary>Every check of a spec's selector, targetRef and targetRefs.</summary>
    public static IEnumerable<FieldError> All(string specPath, WorkloadSelector? selector, PolicyTargetReference? targetRef,
        IReadOnlyList<PolicyTargetReference>? targetRefs)
    {
        if (OnlyOneOf(specPath, selector, targetRef, targetRefs) is { } oneOf)
            yield return oneOf;
        foreach (var e in Selector(FieldPath.Child(specPath, "selector"), selector))
            yield return e;
        foreach (var e in TargetRef(FieldPath.Child(specPath, "targetRef"), targetRef))
            yield return e;
        foreach (var e in TargetRefs(FieldPath.Child(specPath, "targetRefs"), targetRefs))
            yield return e;
    }

    /// <summary>
    /// A workload selector: label keys non-empty and without wildcards, values without wildcards
    /// and at most 63 characters (Istio matches labels exactly; a '*' would never match).
    /// </summary>
    public static IEnumerable<FieldError> Selector(string path, WorkloadSelector? selector)
    {
        if (selector?.MatchLabels is not { } labels)
            yield break;
        var labelsPath = FieldPath.Child(path, "matchLabels");
        if (Crd.MaxProperties(labelsPath, labels.Count, 4096) is { } tooMany)
            yield return tooMany;
        if (labels.Keys.Any(k => k.Contains('*', StringComparison.Ordinal)))
            yield return Crd.Rule(labelsPath, "object", "wildcard not allowed in label key match");
        if (labels.Keys.Any(k => k.Length == 0))
            yield return Crd.Rule(labelsPath, "object", "key must not be empty");
        foreach (var (key, value) in labels)
        {
            var valuePath = FieldPath.Key(labelsPath, key);
            if (Crd.MaxLength(valuePath, value, 63) is { } tooLong)
                yield return tooLong;
            if (value.Contains('*', StringComparison.Ordinal))
                yield return Crd.Rule(valuePath, "string", "wildcard not allowed in label value match");
        }
    }

    public static IEnumerable<FieldError> TargetRefs(string path, IReadOnlyList<PolicyTargetReference>? refs)
    {
        if (refs is null)
            yield break;
        if (Crd.MaxItems(path, refs.Count, 16) is { } tooMany)
            yield return tooMany;
        for (var i = 0; i < refs.Count; i++)
            foreach (var e in TargetRef(FieldPath.Index(path, i), refs[i]))
                yield return e;
    }

    /// <summary>One reference: the CRD's schema, then the kinds Istio can attach a policy to.</summary>
    public static IEnumerable<FieldError> TargetRef(string path, PolicyTargetReference? r)
    {
        if (r is null)
            yield break;
        var groupPath = FieldPath.Child(path, "group");
        var kindPath = FieldPath.Child(path, "kind");
        var namePath = FieldPath.Child(path, "name");
        var shapeOk = true;
        foreach (var e in new[]
        {
            Crd.MaxLength(groupPath, r.Group, 253),
            Crd.Pattern(groupPath, r.Group, GroupPattern()),
            Crd.Required(kindPath, r.Kind),
            Crd.MinLength(kindPath, r.Kind, 1),
            Crd.MaxLength(kindPath, r.Kind, 63),
            Crd.Pattern(kindPath, r.Kind, KindPattern()),
            Crd.Required(namePath, r.Name),
            Crd.MinLength(namePath, r.Name, 1),
            Crd.MaxLength(namePath, r.Name, 253),
        })
        {
            if (e is null)
                continue;
            shapeOk = false;
            yield return e;
        }
        if (!string.IsNullOrEmpty(r.Namespace))
            yield return Crd.Rule(FieldPath.Child(path, "namespace"), "string", "cross namespace referencing is not currently supported");
        // Only a well-formed reference is worth a second complaint about what it points at.
        if (shapeOk && !IsAllowed(r.Group ?? "", r.Kind!))
        {
            yield return FieldError.Invalid(path, $"{r.Group}/{r.Kind}",
                "targetRef must be to one of Service (group \"\" or \"core\"), ServiceEntry (networking.istio.io), Gateway or GatewayClass (gateway.networking.k8s.io)");
        }
    }

    private static bool IsAllowed(string group, string kind)
    {
        var g = group == "core" ? "" : group;
        foreach (var (allowedGroup, allowedKind) in AllowedTargets)
            if (allowedGroup == g && allowedKind == kind)
                return true;
        return false;
    }

    [GeneratedRegex(@"^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupPattern();

    [GeneratedRegex(@"^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();
}
