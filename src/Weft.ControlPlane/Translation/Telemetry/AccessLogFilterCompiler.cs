using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Weft.Discovery.Telemetry;

namespace Weft.ControlPlane.Translation.Telemetry;

/// <summary>
/// The Telemetry API access-log filter (a CEL expression) for the forms people write: comparisons
/// of <c>response.code</c> with a number (<c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>)
/// joined by <c>&amp;&amp;</c> and <c>||</c> (and binding tighter, no parentheses). Compiled to the
/// response-code ranges it admits, so the proxy checks a request with a few integer comparisons.
/// </summary>
public static partial class AccessLogFilterCompiler
{
    private const int MaxCode = 999;

    /// <summary>The ranges admitted, or null with a reason when the expression is not one of the supported forms.</summary>
    public static ImmutableArray<CodeRange>? Compile(string expression, out string? error)
    {
        error = null;
        var admitted = new bool[MaxCode + 1];
        foreach (var disjunct in expression.Split("||"))
        {
            var term = Enumerable.Repeat(true, MaxCode + 1).ToArray();
            foreach (var conjunct in disjunct.Split("&&"))
            {
                var m = Comparison().Match(conjunct);
                if (!m.Success)
                {
                    error = $"'{conjunct.Trim()}' is not a comparison of response.code with a number";
                    return null;
                }
                var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                var op = m.Groups["op"].Value;
                for (var c = 0; c <= MaxCode; c++)
                {
                    term[c] &= op switch
                    {
                        "==" => c == n,
                        "!=" => c != n,
                        "<" => c < n,
                        "<=" => c <= n,
                        ">" => c > n,
                        _ => c >= n,
                    };
                }
            }
            for (var c = 0; c <= MaxCode; c++)
                admitted[c] |= term[c];
        }
        var ranges = ImmutableArray.CreateBuilder<CodeRange>();
        for (var c = 0; c <= MaxCode; c++)
        {
            if (!admitted[c])
                continue;
            var start = c;
            while (c + 1 <= MaxCode && admitted[c + 1])
                c++;
            ranges.Add(new CodeRange(start, c));
        }
        return ranges.ToImmutable();
    }

    [GeneratedRegex(@"^\s*response\.code\s*(?<op>==|!=|<=|>=|<|>)\s*(?<n>\d{1,3})\s*$")]
    private static partial Regex Comparison();
}
