namespace Weft.Discovery.Routes;

/// <summary>
/// Istio's StringMatch: exactly one of Exact, Prefix, PathSeparatedPrefix (paths only: prefix
/// ending at a segment boundary), Suffix, Contains or Regex (RE2-style, must match the whole value).
/// </summary>
public sealed record StringMatch
{
    public string? Exact { get; init; }

    public string? Prefix { get; init; }

    public string? PathSeparatedPrefix { get; init; }

    public string? Suffix { get; init; }

    public string? Contains { get; init; }

    public string? Regex { get; init; }

    public bool IgnoreCase { get; init; }

    public static StringMatch ForExact(string v, bool ignoreCase = false) => new() { Exact = v, IgnoreCase = ignoreCase };

    public static StringMatch ForPrefix(string v, bool ignoreCase = false) => new() { Prefix = v, IgnoreCase = ignoreCase };

    public static StringMatch ForRegex(string v) => new() { Regex = v };
}
