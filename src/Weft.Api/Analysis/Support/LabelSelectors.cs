namespace Weft.Api.Analysis.Support;

/// <summary>
/// Kubernetes' equality-based label selectors (<c>labels.SelectorFromSet</c>), as Istio's analyzers
/// use them: every key of the selector must be present with the same value, and an empty or absent
/// selector matches everything.
/// </summary>
internal static class LabelSelectors
{
    public static bool Matches(IReadOnlyDictionary<string, string>? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null || selector.Count == 0)
            return true;
        if (labels is null)
            return false;
        foreach (var (key, value) in selector)
            if (!labels.TryGetValue(key, out var actual) || actual != value)
                return false;
        return true;
    }

    /// <summary>The selector as Kubernetes prints it, keys sorted: <c>app=reviews,version=v1</c>; "" for an empty selector.</summary>
    public static string Format(IReadOnlyDictionary<string, string>? selector) =>
        selector is null || selector.Count == 0
            ? ""
            : string.Join(",", selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The first <c>key</c> of a formatted selector, the field Istio points a selector finding at.</summary>
    public static string? FirstKey(IReadOnlyDictionary<string, string>? selector) =>
        selector is null || selector.Count == 0 ? null : selector.Keys.Order(StringComparer.Ordinal).First();

    /// <summary>Whether every label of <paramref name="subset"/> is in <paramref name="of"/> with the same value.</summary>
    public static bool IsSubsetOf(IReadOnlyDictionary<string, string>? subset, IReadOnlyDictionary<string, string>? of) => Matches(subset, of);
}
