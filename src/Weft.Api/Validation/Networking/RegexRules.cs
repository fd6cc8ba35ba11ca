using System.Text.RegularExpressions;

namespace Weft.Api.Validation.Networking;

/// <summary>RE2 patterns in Istio's matches and rewrites: at most 1024 characters, and they must compile.</summary>
public static partial class RegexRules
{
    // Envoy caps the RE2 program size; Istio approximates the cap by the pattern's length.
    public const int MaxLength = 1024;

    public static FieldError? Re2(string path, string pattern)
    {
        if (pattern.Length > MaxLength)
            return FieldError.Invalid(path, pattern, $"regex is too large, max length allowed is {MaxLength}");
        // RE2 spellings .NET lacks: (?P<name>...) groups and one-letter Unicode classes (\pL).
        var dotnet = OneLetterClass().Replace(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), @"\$1{$2}");
        return Rules.Re2Regex(path, dotnet) is { } error ? FieldError.Invalid(path, pattern, Detail(error)) : null;
    }

    // Rules.Re2Regex words its reason after the (possibly rewritten) value; keep only the reason.
    private static string Detail(FieldError error)
    {
        var reason = error.Reason;
        const string prefix = "Invalid value: ";
        if (!reason.StartsWith(prefix, StringComparison.Ordinal))
            return reason;
        var end = ClosingQuote(reason, prefix.Length);
        return end < 0 ? reason : reason[(end + 3)..] + "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";
    }

    private static int ClosingQuote(string s, int start)
    {
        if (start >= s.Length || s[start] != '"')
            return -1;
        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '"')
                return i;
        }
        return -1;
    }

    [GeneratedRegex(@"(?<!\\)\\([pP])([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex OneLetterClass();
}
