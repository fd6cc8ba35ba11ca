using Weft.Api.Model.Meta;

namespace Weft.Api.Validation.Istio;

/// <summary>
/// The annotation checks Istio's webhook makes on every Istio kind before its own rules: the
/// internal annotations only istiod may write, and <c>istio.io/dry-run</c>, which only ALLOW and
/// DENY AuthorizationPolicies understand.
/// </summary>
public static class MetadataRules
{
    public const string DryRun = "istio.io/dry-run";

    /// <summary>Makes the webhook refuse the object (a test hook of istiod's, never for users).</summary>
    public const string AlwaysReject = "internal.istio.io/webhook-always-reject";

    /// <summary>Grant the object another namespace's or object's privileges; set by istiod only.</summary>
    public static readonly IReadOnlyList<string> InternalOnly = ["internal.istio.io/parent-namespace", "internal.istio.io/parent-names"];

    /// <summary>The checks for a kind that does not support dry-run.</summary>
    public static IEnumerable<FieldError> Annotations(KubeObject obj) => Annotations(obj, dryRunAllowed: null);

    /// <summary>
    /// The checks; <paramref name="dryRunAllowed"/> says why dry-run is not allowed on this object
    /// (null: the kind never allows it; empty: it is allowed).
    /// </summary>
    public static IEnumerable<FieldError> Annotations(KubeObject obj, string? dryRunAllowed)
    {
        var annotations = obj.Metadata.Annotations;
        if (annotations is null)
            yield break;
        const string at = "metadata.annotations";
        if (annotations.ContainsKey(AlwaysReject))
            yield return FieldError.Forbidden(FieldPath.Key(at, AlwaysReject), "this annotation makes Istio's webhook refuse the object");
        foreach (var key in InternalOnly)
            if (annotations.ContainsKey(key))
                yield return FieldError.Forbidden(FieldPath.Key(at, key), "this annotation is set by the control plane and may not be set by users");
        if (annotations.TryGetValue(DryRun, out var value))
        {
            var path = FieldPath.Key(at, DryRun);
            if (dryRunAllowed is null)
                yield return FieldError.Forbidden(path, $"{obj.Kind} does not support dry-run; only AuthorizationPolicy does");
            else if (dryRunAllowed.Length > 0)
                yield return FieldError.Forbidden(path, dryRunAllowed);
            else if (!IsGoBool(value))
                yield return FieldError.Invalid(path, value, "must be a boolean (true or false)");
        }
    }

    // strconv.ParseBool's spellings.
    private static bool IsGoBool(string v) => v is "1" or "t" or "T" or "TRUE" or "true" or "True" or "0" or "f" or "F" or "FALSE" or "false" or "False";
}
