using System.Collections.Immutable;

namespace Weft.Discovery.Routes;

/// <summary>
/// Everything in one Istio match block; all set conditions must hold (AND). Istio's OR across
/// match blocks becomes one Route per block. The path is matched without the query string;
/// method, authority and scheme are header matchers on <c>:method</c>, <c>:authority</c>,
/// <c>:scheme</c>; Istio's withoutHeaders are header matchers with Invert.
/// </summary>
public sealed record RouteMatch
{
    /// <summary>Exact, Prefix, PathSeparatedPrefix or Regex (full match); null matches every path.</summary>
    public StringMatch? Path { get; init; }

    public ImmutableArray<HeaderMatcher> Headers { get; init; } = [];

    public ImmutableArray<QueryParameterMatcher> QueryParameters { get; init; } = [];
}
