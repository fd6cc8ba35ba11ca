using Weft.Api.Model.Core;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>A Kubernetes label selector (matchLabels and matchExpressions In/NotIn/Exists/DoesNotExist) over a namespace's labels.</summary>
public static class NamespaceSelector
{
    public static bool Matches(LabelSelector? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
            return false;
        foreach (var (k, v) in selector.MatchLabels ?? new Dictionary<string, string>())
            if (!labels.TryGetValue(k, out var actual) || actual != v)
                return false;
        foreach (var e in selector.MatchExpressions ?? [])
        {
            var present = labels.TryGetValue(e.Key ?? "", out var value);
            var values = e.Values ?? [];
            var ok = e.Operator switch
            {
                "In" => present && values.Contains(value!),
                "NotIn" => !present || !values.Contains(value!),
                "Exists" => present,
                "DoesNotExist" => !present,
                _ => false,
            };
            if (!ok)
                return false;
        }
        return true;
    }
}
