using System.Text.RegularExpressions;

namespace Weft.Discovery.Validation;

/// <summary>
/// The one way snapshot regexes are built, shared by validation and the proxy's compiler so a
/// regex that validated is the regex that runs. NonBacktracking gives RE2's linear time (Envoy
/// uses RE2) and rejects what RE2 rejects too (backreferences, lookarounds).
/// </summary>
public static class SnapshotRegex
{
    public static Regex Create(string pattern, bool ignoreCase = false, bool fullMatch = true)
    {
        var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        if (ignoreCase)
            options |= RegexOptions.IgnoreCase;
        return new Regex(fullMatch ? $"^(?:{pattern})$" : pattern, options);
    }

    /// <summary>Null when the pattern compiles, else why not.</summary>
    public static string? Check(string pattern)
    {
        try
        {
            _ = Create(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
    }
}
