using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using D = Weft.Discovery.Routes;

namespace Weft.ControlPlane.Translation;

/// <summary>One Istio HTTPMatchRequest as the proxy's RouteMatch (pilot's translateRouteMatch).</summary>
public static class MatchTranslator
{
    /// <summary>Istio always sets a path: a match block without uri matches prefix <c>/</c>.</summary>
    public static D.RouteMatch CatchAll { get; } = new() { Path = D.StringMatch.ForPrefix("/") };

    public static D.RouteMatch Translate(HttpMatchRequest? m)
    {
        if (m is null)
            return CatchAll;
        var ignoreCase = m.IgnoreUriCase == true;
        var path = m.Uri is { } uri && Convert(uri) is { } p ? p with { IgnoreCase = ignoreCase && p.Regex is null } : D.StringMatch.ForPrefix("/", ignoreCase);
        var headers = ImmutableArray.CreateBuilder<D.HeaderMatcher>();
        foreach (var (name, match) in m.Headers ?? new Dictionary<string, StringMatch>())
            headers.Add(new D.HeaderMatcher { Name = name.ToLowerInvariant(), Match = Convert(match) });
        if (m.Method is { } method)
            headers.Add(new D.HeaderMatcher { Name = ":method", Match = Convert(method) });
        if (m.Authority is { } authority)
            headers.Add(new D.HeaderMatcher { Name = ":authority", Match = Convert(authority) });
        if (m.Scheme is { } scheme)
            headers.Add(new D.HeaderMatcher { Name = ":scheme", Match = Convert(scheme) });
        foreach (var (name, match) in m.WithoutHeaders ?? new Dictionary<string, StringMatch>())
            headers.Add(new D.HeaderMatcher { Name = name.ToLowerInvariant(), Match = Convert(match), Invert = true });
        var query = ImmutableArray.CreateBuilder<D.QueryParameterMatcher>();
        foreach (var (name, match) in m.QueryParams ?? new Dictionary<string, StringMatch>())
            query.Add(new D.QueryParameterMatcher { Name = name, Match = Convert(match) });
        return new D.RouteMatch { Path = path, Headers = headers.ToImmutable(), QueryParameters = query.ToImmutable() };
    }

    /// <summary>exact, prefix or regex; an empty StringMatch (<c>{}</c>) means "present", which is null here.</summary>
    public static D.StringMatch? Convert(StringMatch m) =>
        m.Exact is { } e ? D.StringMatch.ForExact(e)
        : m.Prefix is { } p ? D.StringMatch.ForPrefix(p)
        : m.Regex is { } r ? D.StringMatch.ForRegex(r)
        : null;

    /// <summary>
    /// Whether a match block applies to a sidecar: its gateways (when set) name <c>mesh</c>, its
    /// sourceLabels are all on the proxy, its sourceNamespace is the proxy's, and its port (when
    /// set) is the port being routed.
    /// </summary>
    public static bool AppliesTo(HttpMatchRequest m, RouteSource source, int port) =>
        (m.Gateways is not { Count: > 0 } g || g.Contains(PushContext.MeshGateway))
        && Labels.Match(m.SourceLabels, source.Labels)
        && (string.IsNullOrEmpty(m.SourceNamespace) || m.SourceNamespace == source.Namespace)
        && (m.Port is not { } p || p == port);
}

/// <summary>Who is sending: what sourceLabels and sourceNamespace are checked against.</summary>
public sealed record RouteSource(string Namespace, IReadOnlyDictionary<string, string> Labels);
