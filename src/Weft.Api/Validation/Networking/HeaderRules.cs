using System.Text.RegularExpressions;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// HTTP header names and values as Istio checks them: names of matches and probes, names that
/// may (request) or may not (response, removal) touch the authority, and values, which Envoy
/// reads as a format string where <c>%VAR%</c> expands and <c>%%</c> is a literal percent.
/// </summary>
public static partial class HeaderRules
{
    public const string NamePattern = "^[-_A-Za-z0-9]+$";

    public static string? CheckName(string name) =>
        name.Length == 0 ? "header name cannot be empty"
        : NameRegex().IsMatch(name) ? null
        : $"header name {name} is not a valid header name";

    /// <summary>A header name for CORS lists, where <c>*</c> means any.</summary>
    public static string? CheckCorsName(string name) => name == "*" ? null : CheckName(name);

    /// <summary>A match header, which may also name a JWT claim (<c>@request.auth.claims.group</c>) on gateways.</summary>
    public static string? CheckNameOrJwtClaim(string name) =>
        name.Length == 0 ? "header name cannot be empty" : IsJwtClaim(name) ? null : CheckName(name);

    /// <summary>A request header to set or add: anything but pseudo-headers, except the authority (<c>:authority</c> or <c>host</c>).</summary>
    public static string? CheckRequestSetName(string name) =>
        name.Length == 0 ? "header name cannot be empty"
        : IsInternal(name) && !IsAuthority(name) ? $"invalid header \"{name}\": header cannot have \":\" prefix"
        : null;

    /// <summary>A header to remove, or a response header to set or add: not Host and not a pseudo-header.</summary>
    public static string? CheckOperationName(string name) =>
        name.Length == 0 ? "header name cannot be empty"
        : string.Equals(name, "host", StringComparison.OrdinalIgnoreCase) ? $"invalid header \"{name}\": cannot set Host header"
        : IsInternal(name) ? $"invalid header \"{name}\": header cannot have \":\" prefix"
        : null;

    /// <summary>A value Envoy accepts: no control characters, and every <c>%</c> escaped or part of a complete <c>%VAR%</c>.</summary>
    public static string? CheckValue(string value)
    {
        foreach (var c in value)
            if (c is (>= '\u0000' and <= '\u0008') or (>= '\u000A' and <= '\u001F') or '\u007F')
                return $"header value configuration {value} is invalid";
        return CheckFormat(value) is { } problem ? "header value configuration: " + problem : null;
    }

    /// <summary>Whether a match header names a JWT claim: <c>@request.auth.claims.a.b</c> or <c>@request.auth.claims[a][b]</c>.</summary>
    public static bool IsJwtClaim(string name)
    {
        const string prefix = "@request.auth.claims";
        if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        var rest = name[prefix.Length..];
        return (rest.StartsWith('.') && rest.Length > 1) || (rest.StartsWith('[') && rest.EndsWith(']') && rest.Length > 2);
    }

    public static bool IsAuthority(string name) =>
        string.Equals(name, ":authority", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "host", StringComparison.OrdinalIgnoreCase);

    private static bool IsInternal(string name) => name.StartsWith(':') || string.Equals(name, "host", StringComparison.OrdinalIgnoreCase);

    private enum State
    {
        Literal,
        VariableName,
        ExpectArray,
        ExpectString,
        InString,
        ExpectDelimiterOrEnd,
        ExpectArgsEnd,
        ExpectVariableEnd,
    }

    // Envoy's header_parser: %VAR%, %VAR(arg)%, %VAR(["a","b"])%, and %% for a literal '%'.
    private static string? CheckFormat(string value)
    {
        var state = State.Literal;
        for (var pos = 0; pos < value.Length; pos++)
        {
            var ch = value[pos];
            var hasNext = pos + 1 < value.Length;
            switch (state)
            {
                case State.Literal when ch == '%':
                    if (!hasNext)
                        return "invalid header configuration. Un-escaped %";
                    if (value[pos + 1] == '%')
                        pos++;
                    else
                        state = State.VariableName;
                    break;
                case State.VariableName:
                    state = ch == '%' ? State.Literal : ch == '(' ? State.ExpectArray : state;
                    break;
                case State.ExpectArray:
                    state = ch == '[' ? State.ExpectString : ch != ' ' ? State.InString : state;
                    break;
                case State.ExpectDelimiterOrEnd:
                    if (ch == ',')
                        state = State.ExpectString;
                    else if (ch == ']')
                        state = State.ExpectArgsEnd;
                    else if (ch != ' ')
                        return "invalid header configuration. Expecting ',', ']', or whitespace";
                    break;
                case State.ExpectString:
                    if (ch == '"')
                        state = State.InString;
                    else if (ch != ' ')
                        return "invalid header configuration. Expecting '\"'";
                    break;
                case State.InString:
                    if (ch == '\\')
                    {
                        if (!hasNext)
                            return "invalid header configuration. Un-terminated backslash in JSON string";
                        pos++;
                    }
                    else if (ch == ')')
                    {
                        state = State.ExpectVariableEnd;
                    }
                    else if (ch == '"')
                    {
                        state = State.ExpectDelimiterOrEnd;
                    }
                    break;
                case State.ExpectArgsEnd:
                    if (ch == ')')
                        state = State.ExpectVariableEnd;
                    else if (ch != ' ')
                        return $"invalid header configuration. Expecting ')' or whitespace after ']', but found '{ch}'";
                    break;
                case State.ExpectVariableEnd:
                    if (ch == '%')
                        state = State.Literal;
                    else if (ch != ' ')
                        return "invalid header configuration. Expecting '%' or whitespace after ')'";
                    break;
            }
        }
        return state == State.Literal ? null : $"invalid header configuration. Un-terminated variable expression '{value}'";
    }

    [GeneratedRegex(NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
