using System.Globalization;
using System.Text.RegularExpressions;

namespace Weft.Api.Validation.Istio;

/// <summary>
/// The OpenAPI constraints and CEL rules of Istio's CRDs (crd-all.gen.yaml), reported in the API
/// server's words, so an error reads the same whether kubectl or Weft refused the object. The
/// binder already checks types and enums; these are the checks it leaves to validation.
/// </summary>
public static class Crd
{
    /// <summary><c>minLength</c>: "spec.url in body should be at least 1 chars long". Lengths count characters, as Go counts runes.</summary>
    public static FieldError? MinLength(string path, string? value, int min) =>
        value is not null && Length(value) < min
            ? FieldError.Schema(path, $"in body should be at least {Int(min)} chars long")
            : null;

    /// <summary><c>maxLength</c>: "Too long: may not be more than 253 bytes".</summary>
    public static FieldError? MaxLength(string path, string? value, int max) =>
        value is not null && Length(value) > max ? FieldError.TooLong(path, max) : null;

    /// <summary><c>pattern</c>: "spec.sha256 in body should match '(^$|^[a-f0-9]{64}$)'".</summary>
    public static FieldError? Pattern(string path, string? value, Regex regex) =>
        value is not null && !regex.IsMatch(value)
            ? FieldError.Schema(path, $"in body should match '{regex}'")
            : null;

    /// <summary><c>minimum</c>: "in body should be greater than or equal to 1".</summary>
    public static FieldError? Minimum(string path, double? value, double min) =>
        value is { } v && v < min
            ? FieldError.Schema(path, $"in body should be greater than or equal to {Num(min)}")
            : null;

    /// <summary><c>maximum</c>: "in body should be less than or equal to 65535".</summary>
    public static FieldError? Maximum(string path, double? value, double max) =>
        value is { } v && v > max
            ? FieldError.Schema(path, $"in body should be less than or equal to {Num(max)}")
            : null;

    /// <summary><c>maxItems</c>: "Too many: 17: must have at most 16 items".</summary>
    public static FieldError? MaxItems(string path, int? count, int max) =>
        count is { } n && n > max ? FieldError.TooMany(path, n, max) : null;

    /// <summary><c>minProperties</c>: "spec.portLevelMtls in body should have at least 1 properties".</summary>
    public static FieldError? MinProperties(string path, int? count, int min) =>
        count is { } n && n < min
            ? FieldError.Schema(path, $"in body should have at least {Int(min)} properties")
            : null;

    /// <summary><c>maxProperties</c>: "in body should have at most 4096 properties".</summary>
    public static FieldError? MaxProperties(string path, int? count, int max) =>
        count is { } n && n > max
            ? FieldError.Schema(path, $"in body should have at most {Int(max)} properties")
            : null;

    /// <summary><c>required</c>: "spec.targetRef.name: Required value".</summary>
    public static FieldError? Required(string path, object? value) => value is null ? FieldError.Required(path) : null;

    /// <summary>
    /// A failed <c>x-kubernetes-validations</c> rule, as the API server words it:
    /// <c>spec: Invalid value: "object": only one of targetRefs or selector can be set</c>.
    /// </summary>
    public static FieldError Rule(string path, string type, string message) => FieldError.Invalid(path, type, message);

    /// <summary>A <c>oneOf</c> with more than one alternative present.</summary>
    public static FieldError OneOf(string path, string detail) =>
        FieldError.Schema(path, $"in body must validate one and only one schema (oneOf): {detail}");

    /// <summary>
    /// <c>x-kubernetes-list-type: map</c>: items repeating a key are duplicates, as the API server
    /// reports them (<c>spec.vmConfig.env[1]: Duplicate value: {"name":"a"}</c>).
    /// </summary>
    public static IEnumerable<FieldError> UniqueKeys<T>(string path, IReadOnlyList<T>? items, string keyName, Func<T, object?> key)
    {
        if (items is null)
            yield break;
        var seen = new HashSet<object>();
        for (var i = 0; i < items.Count; i++)
        {
            if (key(items[i]) is not { } k || seen.Add(k))
                continue;
            var shown = k is string s ? FieldError.Format(s) : FieldError.Format(k);
            yield return new FieldError(FieldPath.Index(path, i), FieldErrorKind.Duplicate, $"Duplicate value: {{\"{keyName}\":{shown}}}");
        }
    }

    private static int Length(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
            n++;
        return n;
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);
}
