using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>A StringMatch: at most one of exact, prefix and regex; a prefix or regex that is not empty; a regex RE2 can run.</summary>
internal static class StringMatchRules
{
    // emptyPrefixAllowed: A URI may match the empty prefix (everything); Envoy refuses it elsewhere.
    public static void Check(ErrorList errors, string path, StringMatch? match, bool emptyPrefixAllowed = false)
    {
        if (match is null)
            return;
        if (OneOf(path, match) is { } oneOf)
        {
            errors.Add(oneOf);
            return;
        }
        if (match.Prefix is { Length: 0 } && !emptyPrefixAllowed)
            errors.Invalid(FieldPath.Child(path, "prefix"), "", "prefix string match should not be empty");
        if (match.Regex is { } regex)
        {
            var at = FieldPath.Child(path, "regex");
            if (regex.Length == 0)
                errors.Invalid(at, "", "regex string match should not be empty");
            else
                errors.Add(RegexRules.Re2(at, regex));
        }
    }

    public static FieldError? OneOf(string path, StringMatch match)
    {
        var set = new List<string>(3);
        if (match.Exact is not null)
            set.Add("exact");
        if (match.Prefix is not null)
            set.Add("prefix");
        if (match.Regex is not null)
            set.Add("regex");
        return set.Count > 1 ? Crd.OneOf(path, $"only one of exact, prefix or regex may be set, found {string.Join(" and ", set)}") : null;
    }

    /// <summary>Whether this is a regex match (delegation forbids them; CORS treats them apart).</summary>
    public static bool IsRegex(StringMatch? match) => match?.Regex is not null;
}
