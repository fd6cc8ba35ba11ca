namespace Weft.ControlPlane.Translation;

/// <summary>Label selection as Istio's: every key of the selector present with the same value.</summary>
public static class Labels
{
    public static bool Match(IReadOnlyDictionary<string, string>? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
            return true;
        foreach (var (k, v) in selector)
            if (!labels.TryGetValue(k, out var actual) || actual != v)
                return false;
        return true;
    }
}
