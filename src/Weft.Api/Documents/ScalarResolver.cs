using System.Text.RegularExpressions;

namespace Weft.Api.Documents;

/// <summary>
/// Resolves plain (unquoted) scalars by YAML 1.2's core schema: the same rules JSON follows, so a
/// document reads the same whether it was written as YAML or JSON.
/// </summary>
public static partial class ScalarResolver
{
    public static ScalarKind Resolve(string plain)
    {
        switch (plain)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return ScalarKind.Boolean;
        }
        var c = plain[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.'))
            return ScalarKind.String;
        if (IntPattern().IsMatch(plain))
            return ScalarKind.Integer;
        if (FloatPattern().IsMatch(plain))
            return ScalarKind.Float;
        return ScalarKind.String;
    }

    /// <summary>True when a string written plain would read back as something other than that string.</summary>
    public static bool NeedsQuotes(string value) => value.Length == 0 || Resolve(value) != ScalarKind.String;

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
