namespace Weft.Discovery.Routes;

/// <summary>
/// Exactly one of: Prefix (replaces the part matched by the route's prefix; with an exact path
/// match, the whole path), FullPath, or Regex + Substitution (Istio uriRegexRewrite; every match
/// is replaced, <c>\1</c> style groups allowed).
/// </summary>
public sealed record PathRewrite
{
    public string? Prefix { get; init; }

    public string? FullPath { get; init; }

    public string? Regex { get; init; }

    public string? Substitution { get; init; }
}
