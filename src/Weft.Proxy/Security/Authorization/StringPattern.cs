namespace Weft.Proxy.Security.Authorization;

/// <summary>
/// One AuthorizationPolicy value as Istio matches it: exact, prefix (<c>abc*</c>), suffix
/// (<c>*abc</c>), or <c>*</c> (present: any non-empty value). Compiled once per snapshot.
/// </summary>
public readonly record struct StringPattern(StringPattern.Kind How, string Text, bool IgnoreCase)
{
    public enum Kind
    {
        Exact,
        Prefix,
        Suffix,
        Present,
    }

    public static StringPattern Parse(string value, bool ignoreCase = false)
    {
        if (value == "*")
            return new(Kind.Present, "", ignoreCase);
        if (value.Length > 1 && value.EndsWith('*'))
            return new(Kind.Prefix, value[..^1], ignoreCase);
        if (value.Length > 1 && value.StartsWith('*'))
            return new(Kind.Suffix, value[1..], ignoreCase);
        return new(Kind.Exact, value, ignoreCase);
    }

    public bool Matches(ReadOnlySpan<char> value)
    {
        var cmp = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return How switch
        {
            Kind.Present => !value.IsEmpty,
            Kind.Prefix => value.StartsWith(Text, cmp),
            Kind.Suffix => value.EndsWith(Text, cmp),
            _ => value.Equals(Text, cmp),
        };
    }

    public override string ToString() => How switch
    {
        Kind.Present => "*",
        Kind.Prefix => Text + "*",
        Kind.Suffix => "*" + Text,
        _ => Text,
    };
}
