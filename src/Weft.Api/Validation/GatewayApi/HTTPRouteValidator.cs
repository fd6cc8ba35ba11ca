using Weft.Api.Binding;
using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>
/// HTTPRoute as its CRD validates it: limits and patterns of every field, and every CEL rule
/// (path values, filter combinations, redirects with prefix rewrites, timeouts, parent sections),
/// with the CRD's messages. Defaults the API server would apply first (a rule without matches
/// matches prefix <c>/</c>; a path match is a PathPrefix) are taken into account.
/// </summary>
public sealed class HTTPRouteValidator : KindValidator<HTTPRoute>
{
    private const string MatchesOverLimit =
        "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128";

    public override IEnumerable<FieldError> Validate(HTTPRoute obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
        {
            e.Add(OpenApi.Required("spec"));
            return e;
        }
        References.Parents(e, "spec.parentRefs", spec.ParentRefs);
        References.Hostnames(e, "spec.hostnames", spec.Hostnames);
        if (spec.Rules is { } rules)
        {
            e.AddIf(OpenApi.Items("spec.rules", rules.Count, 1, 16));
            var matches = 0;
            for (var i = 0; i < rules.Count; i++)
            {
                Rule(e, FieldPath.Index("spec.rules", i), rules[i]);
                matches += rules[i].Matches?.Count ?? 1;
            }
            if (matches > 128)
                e.Add(OpenApi.Rule("spec.rules", "array", MatchesOverLimit));
        }
        return e;
    }

    private static void Rule(List<FieldError> e, string at, HTTPRouteRule rule)
    {
        e.AddIf(SectionName(FieldPath.Child(at, "name"), rule.Name));
        if (rule.Matches is { } matches)
        {
            var path = FieldPath.Child(at, "matches");
            e.AddIf(OpenApi.Items(path, matches.Count, maxItems: 64));
            for (var i = 0; i < matches.Count; i++)
                Match(e, FieldPath.Index(path, i), matches[i]);
        }
        FilterList(e, FieldPath.Child(at, "filters"), rule.Filters);
        References.Backends(e, FieldPath.Child(at, "backendRefs"), rule.BackendRefs,
            more: (errors, path, b) => FilterList(errors, FieldPath.Child(path, "filters"), b.Filters));
        if (rule.Timeouts is { } timeouts)
            Timeouts(e, FieldPath.Child(at, "timeouts"), timeouts);
        ExperimentalFieldValidation.Check(e, at, typeof(HTTPRouteRule), rule.Experimental, (name, path, value) =>
        {
            if (value is HTTPRouteRetry retry)
                ExperimentalFieldValidation.Retry(e, path, retry);
            else if (value is SessionPersistence session)
                ExperimentalFieldValidation.SessionPersistence(e, path, session);
        });

        if (rule.BackendRefs is { Count: > 0 } && rule.Filters is { } filters && filters.Any(f => f.RequestRedirect is not null))
            e.Add(OpenApi.Rule(at, "object", "RequestRedirect filter must not be used together with backendRefs"));
        var onePrefixMatch = HasOnePrefixMatch(rule.Matches);
        if (!onePrefixMatch && ExactlyOne(rule.Filters, RedirectsPrefix))
            e.Add(OpenApi.Rule(at, "object", "When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
        if (!onePrefixMatch && ExactlyOne(rule.Filters, RewritesPrefix))
            e.Add(OpenApi.Rule(at, "object", "When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
        if (!onePrefixMatch && ExactlyOne(rule.BackendRefs, b => ExactlyOne(b.Filters, RedirectsPrefix)))
            e.Add(OpenApi.Rule(at, "object", "Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
        if (!onePrefixMatch && ExactlyOne(rule.BackendRefs, b => ExactlyOne(b.Filters, RewritesPrefix)))
            e.Add(OpenApi.Rule(at, "object", "Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
    }

    private static bool RedirectsPrefix(HTTPRouteFilter f) =>
        f.RequestRedirect?.Path is { Type: HTTPPathModifierType.ReplacePrefixMatch, ReplacePrefixMatch: not null };

    private static bool RewritesPrefix(HTTPRouteFilter f) =>
        f.UrlRewrite?.Path is { Type: HTTPPathModifierType.ReplacePrefixMatch, ReplacePrefixMatch: not null };

    // CEL's exists_one: true when exactly one item satisfies the predicate.
    private static bool ExactlyOne<T>(IReadOnlyList<T>? items, Func<T, bool> predicate) =>
        items is not null && items.Count(predicate) == 1;

    // Absent matches default to one PathPrefix match, and an absent path (or type) to PathPrefix.
    private static bool HasOnePrefixMatch(IReadOnlyList<HTTPRouteMatch>? matches) =>
        matches is null || (matches.Count == 1 && (matches[0].Path?.TypeOrDefault ?? PathMatchType.PathPrefix) == PathMatchType.PathPrefix);

    private static void Match(List<FieldError> e, string at, HTTPRouteMatch m)
    {
        if (m.Path is { } p)
            PathMatch(e, FieldPath.Child(at, "path"), p);
        if (m.Headers is { } headers)
        {
            var path = FieldPath.Child(at, "headers");
            e.AddIf(OpenApi.Items(path, headers.Count, maxItems: 16));
            for (var i = 0; i < headers.Count; i++)
            {
                Require(e, FieldPath.Child(FieldPath.Index(path, i), "name"), headers[i].Name, HeaderName);
                Require(e, FieldPath.Child(FieldPath.Index(path, i), "value"), headers[i].Value, (p, v) => OpenApi.String(p, v, 1, 4096));
            }
            e.AddRange(OpenApi.UniqueKeys(path, headers, "name", h => h.Name));
        }
        if (m.QueryParams is { } query)
        {
            var path = FieldPath.Child(at, "queryParams");
            e.AddIf(OpenApi.Items(path, query.Count, maxItems: 16));
            for (var i = 0; i < query.Count; i++)
            {
                Require(e, FieldPath.Child(FieldPath.Index(path, i), "name"), query[i].Name, HeaderName);
                Require(e, FieldPath.Child(FieldPath.Index(path, i), "value"), query[i].Value, (p, v) => OpenApi.String(p, v, 1, 1024));
            }
            e.AddRange(OpenApi.UniqueKeys(path, query, "name", q => q.Name));
        }
    }

    private static void PathMatch(List<FieldError> e, string at, HTTPPathMatch p)
    {
        e.AddIf(OpenApi.String(FieldPath.Child(at, "value"), p.Value, maxLength: 1024));
        if (p.TypeOrDefault is not (PathMatchType.Exact or PathMatchType.PathPrefix))
            return;
        var v = p.ValueOrDefault;
        const string types = "when type one of ['Exact', 'PathPrefix']";
        if (!v.StartsWith('/'))
            e.Add(OpenApi.Rule(at, "object", $"value must be an absolute path and start with '/' {types}"));
        foreach (var bad in (string[])["//", "/./", "/../", "%2f", "%2F", "#"])
            if (v.Contains(bad, StringComparison.Ordinal))
                e.Add(OpenApi.Rule(at, "object", $"must not contain '{bad}' {types}"));
        foreach (var bad in (string[])["/..", "/."])
            if (v.EndsWith(bad, StringComparison.Ordinal))
                e.Add(OpenApi.Rule(at, "object", $"must not end with '{bad}' {types}"));
        if (!GatewayApiPatterns.HttpPathCharacters().IsMatch(v))
            e.Add(OpenApi.Rule(at, "object", $"must only contain valid characters (matching {GatewayApiPatterns.HttpPathCharactersText}) for types ['Exact', 'PathPrefix']"));
    }

    private static void FilterList(List<FieldError> e, string at, IReadOnlyList<HTTPRouteFilter>? filters)
    {
        if (filters is null)
            return;
        e.AddIf(OpenApi.Items(at, filters.Count, maxItems: 16));
        for (var i = 0; i < filters.Count; i++)
            Filter(e, FieldPath.Index(at, i), filters[i]);
        if (filters.Any(f => f.Type == HTTPRouteFilterType.RequestRedirect) && filters.Any(f => f.Type == HTTPRouteFilterType.URLRewrite))
            e.Add(OpenApi.Rule(at, "array", "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both"));
        Filters.NotRepeated(e, at, filters, f => f.Type?.ToString(), "CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite");
    }

    private static void Filter(List<FieldError> e, string at, HTTPRouteFilter f)
    {
        if (f.Type is null)
            e.Add(OpenApi.Required(FieldPath.Child(at, "type")));
        if (f.Cors is { } cors)
            Cors(e, FieldPath.Child(at, "cors"), cors);
        if (f.RequestHeaderModifier is { } req)
            Filters.HeaderModifier(e, FieldPath.Child(at, "requestHeaderModifier"), req);
        if (f.ResponseHeaderModifier is { } resp)
            Filters.HeaderModifier(e, FieldPath.Child(at, "responseHeaderModifier"), resp);
        if (f.RequestMirror is { } mirror)
            Filters.Mirror(e, FieldPath.Child(at, "requestMirror"), mirror);
        if (f.RequestRedirect is { } redirect)
            Redirect(e, FieldPath.Child(at, "requestRedirect"), redirect);
        if (f.UrlRewrite is { } rewrite)
        {
            e.AddIf(PreciseHostname(FieldPath.Child(FieldPath.Child(at, "urlRewrite"), "hostname"), rewrite.Hostname));
            if (rewrite.Path is { } path)
                PathModifier(e, FieldPath.Child(FieldPath.Child(at, "urlRewrite"), "path"), path);
        }
        if (f.ExtensionRef is { } ext)
            References.Local(e, FieldPath.Child(at, "extensionRef"), ext);
        ExperimentalFieldValidation.Check(e, at, typeof(HTTPRouteFilter), f.Experimental, (name, path, value) =>
        {
            if (value is HTTPExternalAuthFilter auth)
                ExperimentalFieldValidation.ExternalAuth(e, path, auth);
        });
        var hasExternalAuth = f.Experimental?.ContainsKey("externalAuth") ?? false;
        Filters.TypeMatchesField(e, at, f.Type is { } t ? WireName(t) : null,
        [
            ("cors", "CORS", f.Cors is not null),
            ("requestHeaderModifier", "RequestHeaderModifier", f.RequestHeaderModifier is not null),
            ("responseHeaderModifier", "ResponseHeaderModifier", f.ResponseHeaderModifier is not null),
            ("requestMirror", "RequestMirror", f.RequestMirror is not null),
            ("requestRedirect", "RequestRedirect", f.RequestRedirect is not null),
            ("urlRewrite", "URLRewrite", f.UrlRewrite is not null),
            ("extensionRef", "ExtensionRef", f.ExtensionRef is not null),
            ("externalAuth", "ExternalAuth", hasExternalAuth),
        ]);
    }

    private static string WireName(HTTPRouteFilterType t) => t.ToString();

    private static readonly string[] RedirectCodes = ["301", "302", "303", "307", "308"];

    private static void Redirect(List<FieldError> e, string at, HTTPRequestRedirectFilter r)
    {
        e.AddIf(PreciseHostname(FieldPath.Child(at, "hostname"), r.Hostname));
        if (r.Path is { } path)
            PathModifier(e, FieldPath.Child(at, "path"), path);
        e.AddIf(Port(FieldPath.Child(at, "port"), r.Port));
        if (r.StatusCode is { } code && !RedirectCodes.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            e.Add(OpenApi.Enum(FieldPath.Child(at, "statusCode"), code, RedirectCodes));
    }

    private static void PathModifier(List<FieldError> e, string at, HTTPPathModifier p)
    {
        if (p.Type is null)
            e.Add(OpenApi.Required(FieldPath.Child(at, "type")));
        e.AddIf(OpenApi.String(FieldPath.Child(at, "replaceFullPath"), p.ReplaceFullPath, maxLength: 1024));
        e.AddIf(OpenApi.String(FieldPath.Child(at, "replacePrefixMatch"), p.ReplacePrefixMatch, maxLength: 1024));
        if (p.Type is not { } type)
            return;
        if (type == HTTPPathModifierType.ReplaceFullPath && p.ReplaceFullPath is null)
            e.Add(OpenApi.Rule(at, "object", "replaceFullPath must be specified when type is set to 'ReplaceFullPath'"));
        if (p.ReplaceFullPath is not null && type != HTTPPathModifierType.ReplaceFullPath)
            e.Add(OpenApi.Rule(at, "object", "type must be 'ReplaceFullPath' when replaceFullPath is set"));
        if (type == HTTPPathModifierType.ReplacePrefixMatch && p.ReplacePrefixMatch is null)
            e.Add(OpenApi.Rule(at, "object", "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'"));
        if (p.ReplacePrefixMatch is not null && type != HTTPPathModifierType.ReplacePrefixMatch)
            e.Add(OpenApi.Rule(at, "object", "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"));
    }

    private static void Cors(List<FieldError> e, string at, HTTPCORSFilter c)
    {
        if (c.AllowOrigins is { } origins)
        {
            var path = FieldPath.Child(at, "allowOrigins");
            e.AddIf(OpenApi.Items(path, origins.Count, maxItems: 64));
            for (var i = 0; i < origins.Count; i++)
                e.AddIf(OpenApi.String(FieldPath.Index(path, i), origins[i], 1, 253, GatewayApiPatterns.CorsOrigin));
            e.AddRange(OpenApi.UniqueItems(path, origins));
            if (origins.Contains("*") && origins.Count > 1)
                e.Add(OpenApi.Rule(path, "array", "AllowOrigins cannot contain '*' alongside other origins"));
        }
        if (c.AllowMethods is { } methods)
        {
            var path = FieldPath.Child(at, "allowMethods");
            e.AddIf(OpenApi.Items(path, methods.Count, maxItems: 9));
            var shape = (EnumShape)Shapes.For(typeof(HTTPMethodWithWildcard));
            e.AddRange(OpenApi.UniqueItems(path, methods, m => shape.WireName(m)));
            if (methods.Contains(HTTPMethodWithWildcard.Any) && methods.Count > 1)
                e.Add(OpenApi.Rule(path, "array", "AllowMethods cannot contain '*' alongside other methods"));
        }
        if (c.AllowHeaders is { } allow)
        {
            var path = FieldPath.Child(at, "allowHeaders");
            HeaderNames(e, path, allow);
            if (allow.Contains("*") && allow.Count > 1)
                e.Add(OpenApi.Rule(path, "array", "AllowHeaders cannot contain '*' alongside other methods"));
        }
        if (c.ExposeHeaders is { } expose)
            HeaderNames(e, FieldPath.Child(at, "exposeHeaders"), expose);
        e.AddIf(OpenApi.Number(FieldPath.Child(at, "maxAge"), c.MaxAge, 1));
    }

    private static void HeaderNames(List<FieldError> e, string at, IReadOnlyList<string> names)
    {
        e.AddIf(OpenApi.Items(at, names.Count, maxItems: 64));
        for (var i = 0; i < names.Count; i++)
            e.AddIf(HeaderName(FieldPath.Index(at, i), names[i]));
        e.AddRange(OpenApi.UniqueItems(at, names));
    }

    private static void Timeouts(List<FieldError> e, string at, HTTPRouteTimeouts t)
    {
        var request = Duration(FieldPath.Child(at, "request"), t.Request);
        var backend = Duration(FieldPath.Child(at, "backendRequest"), t.BackendRequest);
        e.AddIf(request);
        e.AddIf(backend);
        if (request is null && backend is null
            && t.Request is { } r && t.BackendRequest is { } b
            && r.TryGetValue(out var rv) && b.TryGetValue(out var bv)
            && rv != TimeSpan.Zero && bv > rv)
            e.Add(OpenApi.Rule(at, "object", "backendRequest timeout cannot be longer than request timeout"));
    }
}
