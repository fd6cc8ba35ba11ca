using System.Globalization;
using System.Text.RegularExpressions;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>A CRD's <c>pattern</c>: the text as the CRD writes it (errors quote it) and the regex that runs it.</summary>
internal sealed record OpenApiPattern(string Text, Regex Regex)
{
    // Go's regexp.MatchString, which the API server uses, searches without anchoring; so does IsMatch.
    public bool IsMatch(string value) => Regex.IsMatch(value);
}

/// <summary>
/// The checks of an OpenAPI v3 schema as the Kubernetes API server reports them for custom
/// resources, in its words: <c>spec.x: Invalid value: "v": spec.x in body should match '^...$'</c>,
/// <c>spec.x: Too long: may not be more than 253 bytes</c>, <c>spec.x: Too many: 17: must have at most 16 items</c>,
/// and CEL rules (x-kubernetes-validations) as <c>spec.x: Invalid value: "object": message</c>.
/// </summary>
internal static class OpenApi
{
    /// <summary>A string's length limits and pattern, first failure only (as kube-openapi stops at the first).</summary>
    public static FieldError? String(string path, string? value, int? minLength = null, int? maxLength = null, OpenApiPattern? pattern = null)
    {
        if (value is null)
            return null;
        // kube-openapi counts characters (runes), not bytes.
        var length = value.EnumerateRunes().Count();
        if (maxLength is { } max && length > max)
            return FieldError.TooLong(path, max);
        if (minLength is { } min && length < min)
            return FieldError.Invalid(path, value, $"{path} in body should be at least {min} chars long");
        if (pattern is not null && !pattern.IsMatch(value))
            return FieldError.Invalid(path, value, $"{path} in body should match '{pattern.Text}'");
        return null;
    }

    /// <summary>A number's inclusive bounds.</summary>
    public static FieldError? Number(string path, long? value, long? minimum = null, long? maximum = null)
    {
        if (value is not { } v)
            return null;
        if (minimum is { } min && v < min)
            return FieldError.Invalid(path, v, $"{path} in body should be greater than or equal to {min}");
        if (maximum is { } max && v > max)
            return FieldError.Invalid(path, v, $"{path} in body should be less than or equal to {max}");
        return null;
    }

    /// <summary>An array's item count limits.</summary>
    public static FieldError? Items(string path, int? count, int? minItems = null, int? maxItems = null)
    {
        if (count is not { } n)
            return null;
        if (maxItems is { } max && n > max)
            return FieldError.TooMany(path, n, max);
        if (minItems is { } min && n < min)
            return FieldError.Invalid(path, n, $"{path} in body should have at least {min} items");
        return null;
    }

    /// <summary>An object's (map's) property count limit.</summary>
    public static FieldError? Properties(string path, int? count, int maxProperties) =>
        count is { } n && n > maxProperties ? FieldError.TooMany(path, n, maxProperties) : null;

    /// <summary>A value outside an <c>enum</c> of a field the model keeps as a string or number.</summary>
    public static FieldError Enum(string path, object value, IEnumerable<string> supported) =>
        FieldError.NotSupported(path, value, supported);

    /// <summary>A required field that is absent.</summary>
    public static FieldError Required(string path) => FieldError.Required(path);

    /// <summary>A CEL rule that failed; the API server names the type of the value it applies to.</summary>
    public static FieldError Rule(string path, string type, string message) => FieldError.Invalid(path, type, message);

    /// <summary>Two items of an <c>x-kubernetes-list-type: map</c> list with the same key, as the API server words it.</summary>
    public static FieldError DuplicateKey(string path, string key, object value) =>
        new(path, FieldErrorKind.Duplicate,
            $"Duplicate value: map[string]interface {{}}{{\"{key}\":{(value is string s ? FieldError.Format(s) : Convert.ToString(value, CultureInfo.InvariantCulture))}}}");

    /// <summary>Every item of a <c>list-type: map</c> list whose key repeats an earlier one.</summary>
    public static IEnumerable<FieldError> UniqueKeys<T, TKey>(string path, IReadOnlyList<T>? items, string keyName, Func<T, TKey?> key)
    {
        if (items is null)
            yield break;
        var seen = new HashSet<TKey>();
        for (var i = 0; i < items.Count; i++)
        {
            if (key(items[i]) is { } k && !seen.Add(k))
                yield return DuplicateKey(FieldPath.Index(path, i), keyName, k);
        }
    }

    /// <summary>Every item of a <c>list-type: set</c> list that repeats an earlier one.</summary>
    public static IEnumerable<FieldError> UniqueItems<T>(string path, IReadOnlyList<T>? items, Func<T, object>? wire = null)
    {
        if (items is null)
            yield break;
        var seen = new HashSet<T>();
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.Add(items[i]))
                yield return FieldError.Duplicate(FieldPath.Index(path, i), wire is null ? items[i] : wire(items[i]));
        }
    }
}
