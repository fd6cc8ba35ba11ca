using System.Collections.Immutable;
using Weft.Api.Model.GatewayApi;
using Weft.Api.Model.Networking;
using IstioStringMatch = Weft.Api.Model.Networking.StringMatch;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// HTTPRoute and GRPCRoute rules as Istio http routes (Istio's gateway conversion), one per match,
/// each with its precedence: PathPrefix <c>/foo</c> is the exact <c>/foo</c> plus the prefix
/// <c>/foo/</c> (segment-wise, as the Gateway API requires), with prefix rewrites and redirects
/// adjusted so both halves keep the rest of the path. Filters become headers, redirect, rewrite
/// and mirrors; unusable backends answer 500, as the specification asks.
/// </summary>
public static class HttpRouteRules
{
    public sealed record Converted(HttpRoute Route, RulePrecedence Precedence);

    public sealed record Result(ImmutableArray<Converted> Routes, string? UnresolvedReason, string? UnresolvedMessage);

    public static Result Convert(HTTPRoute route, BackendResolver resolver)
    {
        var routes = ImmutableArray.CreateBuilder<Converted>();
        string? reason = null, message = null;
        var rules = route.Spec?.Rules ?? [];
        for (var ri = 0; ri < rules.Count; ri++)
        {
            var rule = rules[ri];
            var action = Action(route.Namespace, "HTTPRoute", rule.Filters, rule.BackendRefs?.Select(b => (IBackendRef)b).ToList(),
                rule.BackendRefs?.Select(b => b.Filters).ToList(), resolver, ref reason, ref message);
            if (rule.Timeouts is { } t)
            {
                var timeout = t.Request ?? t.BackendRequest;
                if (timeout is { } d && d.TryGetValue(out var span) && span > TimeSpan.Zero)
                    action = action with { Timeout = d };
            }
            var matches = rule.Matches is { Count: > 0 } m ? m : [new HTTPRouteMatch()];
            for (var mi = 0; mi < matches.Count; mi++)
            {
                var match = matches[mi];
                var path = match.Path ?? new HTTPPathMatch();
                var created = route.Metadata.CreationTimestamp ?? "";
                var id = $"{route.Namespace}/{route.Name}";
                var kind = path.TypeOrDefault switch { PathMatchType.Exact => 3, PathMatchType.RegularExpression => 2, _ => 1 };
                var name = $"{route.Namespace}.{route.Name}.{ri}.{mi}";
                var headers = Headers(match.Headers?.Select(h => (h.Name, h.Type, h.Value)));
                var query = Headers(match.QueryParams?.Select(h => (h.Name, h.Type, h.Value)), lower: false);
                IstioStringMatch? method = match.Method is { } me ? new IstioStringMatch { Exact = me.ToString().ToUpperInvariant() } : null;
                var precedence = new RulePrecedence(kind, path.ValueOrDefault.Length, method is not null, headers?.Count ?? 0, query?.Count ?? 0, created, id, ri, mi, 0);
                HttpMatchRequest Block(IstioStringMatch uri) => new() { Uri = uri, Headers = headers, QueryParams = query, Method = method };
                if (path.TypeOrDefault == PathMatchType.PathPrefix && path.ValueOrDefault.TrimEnd('/') is { Length: > 0 } prefix)
                {
                    // Segment-wise prefix: /foo matches /foo and /foo/bar, never /foobar.
                    routes.Add(new(WithPrefix(action, false) with { Name = name, Match = [Block(new() { Exact = prefix })] }, precedence));
                    routes.Add(new(WithPrefix(action, true) with { Name = name, Match = [Block(new() { Prefix = prefix + "/" })] }, precedence with { Part = 1 }));
                    continue;
                }
                var uri = path.TypeOrDefault switch
                {
                    PathMatchType.Exact => new IstioStringMatch { Exact = path.ValueOrDefault },
                    PathMatchType.RegularExpression => new IstioStringMatch { Regex = path.ValueOrDefault },
                    _ => new IstioStringMatch { Prefix = "/" },
                };
                routes.Add(new(WithPrefix(action, uri.Prefix is not null) with { Name = name, Match = [Block(uri)] }, precedence));
            }
        }
        return new(routes.ToImmutable(), reason, message);
    }

    public static Result Convert(GRPCRoute route, BackendResolver resolver)
    {
        var routes = ImmutableArray.CreateBuilder<Converted>();
        string? reason = null, message = null;
        var rules = route.Spec?.Rules ?? [];
        for (var ri = 0; ri < rules.Count; ri++)
        {
            var rule = rules[ri];
            var filters = rule.Filters?.Select(f => new HTTPRouteFilter
            {
                RequestHeaderModifier = f.RequestHeaderModifier,
                ResponseHeaderModifier = f.ResponseHeaderModifier,
                RequestMirror = f.RequestMirror,
            }).ToList();
            var action = Action(route.Namespace, "GRPCRoute", filters, rule.BackendRefs?.Select(b => (IBackendRef)b).ToList(), null, resolver, ref reason, ref message);
            var matches = rule.Matches is { Count: > 0 } m ? m : [new GRPCRouteMatch()];
            for (var mi = 0; mi < matches.Count; mi++)
            {
                var match = matches[mi];
                var method = match.Method;
                IstioStringMatch uri = method switch
                {
                    { Type: HeaderMatchType.RegularExpression } => new() { Regex = $"/{method.Service ?? "[^/]+"}/{method.Method ?? "[^/]+"}" },
                    { Service: { Length: > 0 } s, Method: { Length: > 0 } mm } => new() { Exact = $"/{s}/{mm}" },
                    { Service: { Length: > 0 } s } => new() { Prefix = $"/{s}/" },
                    { Method: { Length: > 0 } mm } => new() { Regex = $"/[^/]+/{System.Text.RegularExpressions.Regex.Escape(mm)}" },
                    _ => new() { Prefix = "/" },
                };
                var headers = Headers(match.Headers?.Select(h => (h.Name, h.Type, h.Value)));
                var kind = uri.Exact is not null ? 3 : uri.Regex is not null ? 2 : 1;
                var length = (uri.Exact ?? uri.Prefix ?? uri.Regex ?? "").Length;
                var precedence = new RulePrecedence(kind, length, false, headers?.Count ?? 0, 0, route.Metadata.CreationTimestamp ?? "", $"{route.Namespace}/{route.Name}", ri, mi, 0);
                routes.Add(new(action with { Name = $"{route.Namespace}.{route.Name}.{ri}.{mi}", Match = [new HttpMatchRequest { Uri = uri, Headers = headers }] }, precedence));
            }
        }
        return new(routes.ToImmutable(), reason, message);
    }

    private static Dictionary<string, IstioStringMatch>? Headers(IEnumerable<(string? Name, HeaderMatchType? Type, string? Value)>? matches, bool lower = true)
    {
        if (matches is null)
            return null;
        var result = new Dictionary<string, IstioStringMatch>(StringComparer.Ordinal);
        foreach (var (name, type, value) in matches)
        {
            if (string.IsNullOrEmpty(name))
                continue;
            var key = lower ? name.ToLowerInvariant() : name;
            // The first match of a repeated name wins, as the specification says.
            result.TryAdd(key, type == HeaderMatchType.RegularExpression ? new IstioStringMatch { Regex = value } : new IstioStringMatch { Exact = value ?? "" });
        }
        return result.Count == 0 ? null : result;
    }

    /// <summary>
    /// The prefix half of a split PathPrefix keeps its trailing slash in prefix rewrites and
    /// redirects; on an exact path the whole path is the matched prefix, so a prefix redirect
    /// replaces it all.
    /// </summary>
    private static HttpRoute WithPrefix(HttpRoute action, bool prefixHalf)
    {
        if (!prefixHalf)
            return action.Redirect is { PrefixRewrite: { } whole } exact ? action with { Redirect = exact with { Uri = whole, PrefixRewrite = null } } : action;
        if (action.Rewrite is { Uri: { } uri } rw && action.Rewrite.UriRegexRewrite is null)
            action = action with { Rewrite = rw with { Uri = uri.TrimEnd('/') + "/" } };
        if (action.Redirect is { PrefixRewrite: { } p } rd)
            action = action with { Redirect = rd with { PrefixRewrite = p.TrimEnd('/') + "/" } };
        return action;
    }

    private static HttpRoute Action(string ns, string fromKind, IReadOnlyList<HTTPRouteFilter>? filters, IReadOnlyList<IBackendRef>? backends,
        IReadOnlyList<IReadOnlyList<HTTPRouteFilter>?>? backendFilters, BackendResolver resolver, ref string? reason, ref string? message)
    {
        var route = new HttpRoute();
        var requestHeaders = new HeaderAccumulator();
        var responseHeaders = new HeaderAccumulator();
        var mirrors = new List<HttpMirrorPolicy>();
        foreach (var f in filters ?? [])
        {
            requestHeaders.Add(f.RequestHeaderModifier);
            responseHeaders.Add(f.ResponseHeaderModifier);
            if (f.RequestRedirect is { } rd)
            {
                var scheme = rd.Scheme switch { RedirectScheme.Https => "https", RedirectScheme.Http => "http", _ => null };
                int? port = rd.Port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : null);
                route = route with
                {
                    Redirect = new HttpRedirect
                    {
                        Scheme = scheme,
                        Authority = rd.Hostname,
                        Port = port is { } p ? (uint)p : null,
                        Uri = rd.Path?.Type == HTTPPathModifierType.ReplaceFullPath ? rd.Path.ReplaceFullPath ?? "/" : null,
                        PrefixRewrite = rd.Path?.Type == HTTPPathModifierType.ReplacePrefixMatch ? rd.Path.ReplacePrefixMatch ?? "/" : null,
                        RedirectCode = (uint)(rd.StatusCode ?? 302),
                    },
                };
            }
            if (f.UrlRewrite is { } rw)
            {
                route = route with
                {
                    Rewrite = new HttpRewrite
                    {
                        Authority = rw.Hostname,
                        Uri = rw.Path?.Type == HTTPPathModifierType.ReplacePrefixMatch ? rw.Path.ReplacePrefixMatch ?? "/" : null,
                        UriRegexRewrite = rw.Path?.Type == HTTPPathModifierType.ReplaceFullPath ? new RegexRewrite { Match = "^.*$", Rewrite = rw.Path.ReplaceFullPath ?? "/" } : null,
                    },
                };
            }
            if (f.RequestMirror is { BackendRef: { } mb } mirror)
            {
                var b = resolver.Resolve(fromKind, ns, mb.Group, mb.Kind, mb.Name, mb.Namespace, mb.Port);
                if (!b.Valid)
                {
                    (reason, message) = (reason ?? b.Reason, message ?? b.Message);
                    continue;
                }
                double percent = mirror.Percent ?? (mirror.Fraction is { Numerator: { } n } fr ? 100.0 * n / (fr.Denominator ?? 100) : 100);
                mirrors.Add(new HttpMirrorPolicy { Destination = Destination(b), Percentage = new Percent { Value = percent } });
            }
        }
        route = route with { Headers = requestHeaders.Empty && responseHeaders.Empty ? null : new Headers { Request = requestHeaders.Build(), Response = responseHeaders.Build() } };
        if (mirrors.Count > 0)
            route = route with { Mirrors = mirrors };
        if (route.Redirect is not null)
            return route;

        var destinations = new List<HttpRouteDestination>();
        var invalid = 0;
        for (var i = 0; i < (backends?.Count ?? 0); i++)
        {
            var r = backends![i];
            var b = resolver.Resolve(fromKind, ns, r.Group, r.Kind, r.Name, r.Namespace, r.Port);
            if (!b.Valid)
            {
                (reason, message) = (reason ?? b.Reason, message ?? b.Message);
                invalid++;
                continue;
            }
            var weight = r.Weight ?? GatewayApiDefaults.Weight;
            if (weight <= 0)
                continue;
            var ops = new HeaderAccumulator();
            var resOps = new HeaderAccumulator();
            foreach (var bf in backendFilters?[i] ?? [])
            {
                ops.Add(bf.RequestHeaderModifier);
                resOps.Add(bf.ResponseHeaderModifier);
            }
            destinations.Add(new HttpRouteDestination
            {
                Destination = Destination(b),
                Weight = weight,
                Headers = ops.Empty && resOps.Empty ? null : new Headers { Request = ops.Build(), Response = resOps.Build() },
            });
        }
        // No backend, only unusable ones, or every weight 0: the Gateway API answers 500.
        if (destinations.Count == 0)
            return route with { DirectResponse = new HttpDirectResponse { Status = 500 } };
        _ = invalid;
        return route with { Route = destinations };
    }

    private static Weft.Api.Model.Networking.Destination Destination(BackendResolver.Backend b) => new()
    {
        Host = b.Host,
        Port = b.Port is { } p ? new PortSelector { Number = (uint)p } : null,
    };

    private sealed class HeaderAccumulator
    {
        private readonly Dictionary<string, string> _set = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _add = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _remove = [];

        public bool Empty => _set.Count == 0 && _add.Count == 0 && _remove.Count == 0;

        public void Add(HTTPHeaderFilter? f)
        {
            if (f is null)
                return;
            foreach (var h in f.Set ?? [])
                if (h.Name is { Length: > 0 } n)
                    _set[n] = h.Value ?? "";
            foreach (var h in f.Add ?? [])
                if (h.Name is { Length: > 0 } n)
                    _add[n] = h.Value ?? "";
            _remove.AddRange(f.Remove ?? []);
        }

        public HeaderOperations? Build() => Empty ? null : new HeaderOperations
        {
            Set = _set.Count > 0 ? new Dictionary<string, string>(_set) : null,
            Add = _add.Count > 0 ? new Dictionary<string, string>(_add) : null,
            Remove = _remove.Count > 0 ? [.. _remove] : null,
        };
    }
}
