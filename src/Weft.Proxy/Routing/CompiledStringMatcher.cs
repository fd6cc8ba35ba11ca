using System.Text.RegularExpressions;
using Weft.Discovery.Routes;
using Weft.Discovery.Validation;

namespace Weft.Proxy.Routing;

/// <summary>A StringMatch compiled once per snapshot; matching allocates nothing.</summary>
public sealed class CompiledStringMatcher
{
    private enum Kind { Exact, Prefix, PathSeparatedPrefix, Suffix, Contains, Regex }

    private readonly Kind _kind;
    private readonly string _value;
    private readonly StringComparison _comparison;
    private readonly Regex? _regex;

    private CompiledStringMatcher(Kind kind, string value, bool ignoreCase, Regex? regex)
    {
        _kind = kind;
        _value = value;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _regex = regex;
    }

    /// <summary>Length of the matched prefix (for prefix rewrites); the whole value for other kinds.</summary>
    public int PrefixLength => _kind is Kind.Prefix or Kind.PathSeparatedPrefix ? _value.Length : -1;

    public bool IsExact => _kind == Kind.Exact;

    public static CompiledStringMatcher Compile(StringMatch m) => m switch
    {
        { Exact: { } v } => new(Kind.Exact, v, m.IgnoreCase, null),
        { Prefix: { } v } => new(Kind.Prefix, v, m.IgnoreCase, null),
        { PathSeparatedPrefix: { } v } => new(Kind.PathSeparatedPrefix, v.TrimEnd('/'), m.IgnoreCase, null),
        { Suffix: { } v } => new(Kind.Suffix, v, m.IgnoreCase, null),
        { Contains: { } v } => new(Kind.Contains, v, m.IgnoreCase, null),
        { Regex: { } v } => new(Kind.Regex, v, m.IgnoreCase, SnapshotRegex.Create(v, m.IgnoreCase)),
        _ => throw new InvalidOperationException("a validated StringMatch has exactly one kind"),
    };

    public bool IsMatch(ReadOnlySpan<char> value) => _kind switch
    {
        Kind.Exact => value.Equals(_value, _comparison),
        Kind.Prefix => value.StartsWith(_value, _comparison),
        // "/api" matches "/api" and "/api/x" but not "/apis" (Gateway API PathPrefix).
        Kind.PathSeparatedPrefix => value.StartsWith(_value, _comparison)
            && (value.Length == _value.Length || value[_value.Length] == '/' || _value.Length == 0),
        Kind.Suffix => value.EndsWith(_value, _comparison),
        Kind.Contains => value.Contains(_value, _comparison),
        _ => _regex!.IsMatch(value),
    };

    public override string ToString() => $"{_kind}:{_value}";
}
