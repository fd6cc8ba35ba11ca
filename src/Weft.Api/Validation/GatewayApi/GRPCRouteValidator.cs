using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>GRPCRoute as its CRD validates it: method and header matches, the four filter kinds, backends, parents.</summary>
public sealed class GRPCRouteValidator : KindValidator<GRPCRoute>
{
    private const string MatchesOverLimit =
        "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128";

    public override IEnumerable<FieldError> Validate(GRPCRoute obj, ValidationContext ctx)
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
            e.AddIf(OpenApi.Items("spec.rules", rules.Count, maxItems: 16));
            for (var i = 0; i < rules.Count; i++)
                Rule(e, FieldPath.Index("spec.rules", i), rules[i]);
            if (rules.Sum(r => r.Matches?.Count ?? 0) > 128)
                e.Add(OpenApi.Rule("spec.rules", "array", MatchesOverLimit));
        }
        return e;
    }

    private static void Rule(List<FieldError> e, string at, GRPCRouteRule rule)
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
        ExperimentalFieldValidation.Check(e, at, typeof(GRPCRouteRule), rule.Experimental, (name, path, value) =>
        {
            if (value is SessionPersistence session)
                ExperimentalFieldValidation.SessionPersistence(e, path, session);
        });
    }

    private static void Match(List<FieldError> e, string at, GRPCRouteMatch m)
    {
        if (m.Method is { } method)
        {
            var path = FieldPath.Child(at, "method");
            e.AddIf(OpenApi.String(FieldPath.Child(path, "service"), method.Service, maxLength: 1024));
            e.AddIf(OpenApi.String(FieldPath.Child(path, "method"), method.Method, maxLength: 1024));
            // The type defaults to Exact, so "has(self.type)" always holds once defaulted.
            if (method.Service is null && method.Method is null)
                e.Add(OpenApi.Rule(path, "object", "One or both of 'service' or 'method' must be specified"));
            if ((method.Type ?? HeaderMatchType.Exact) == HeaderMatchType.Exact)
            {
                if (method.Service is { } service && !GatewayApiPatterns.GrpcService().IsMatch(service))
                    e.Add(OpenApi.Rule(path, "object", $"service must only contain valid characters (matching {GatewayApiPatterns.GrpcServiceText})"));
                if (method.Method is { } name && !GatewayApiPatterns.GrpcMethod().IsMatch(name))
                    e.Add(OpenApi.Rule(path, "object", $"method must only contain valid characters (matching {GatewayApiPatterns.GrpcMethodText})"));
            }
        }
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
    }

    private static void FilterList(List<FieldError> e, string at, IReadOnlyList<GRPCRouteFilter>? filters)
    {
        if (filters is null)
            return;
        e.AddIf(OpenApi.Items(at, filters.Count, maxItems: 16));
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            var path = FieldPath.Index(at, i);
            if (f.Type is null)
                e.Add(OpenApi.Required(FieldPath.Child(path, "type")));
            if (f.RequestHeaderModifier is { } req)
                Filters.HeaderModifier(e, FieldPath.Child(path, "requestHeaderModifier"), req);
            if (f.ResponseHeaderModifier is { } resp)
                Filters.HeaderModifier(e, FieldPath.Child(path, "responseHeaderModifier"), resp);
            if (f.RequestMirror is { } mirror)
                Filters.Mirror(e, FieldPath.Child(path, "requestMirror"), mirror);
            if (f.ExtensionRef is { } ext)
                References.Local(e, FieldPath.Child(path, "extensionRef"), ext);
            Filters.TypeMatchesField(e, path, f.Type?.ToString(),
            [
                ("requestHeaderModifier", "RequestHeaderModifier", f.RequestHeaderModifier is not null),
                ("responseHeaderModifier", "ResponseHeaderModifier", f.ResponseHeaderModifier is not null),
                ("requestMirror", "RequestMirror", f.RequestMirror is not null),
                ("extensionRef", "ExtensionRef", f.ExtensionRef is not null),
            ]);
        }
        Filters.NotRepeated(e, at, filters, f => f.Type?.ToString(), "RequestHeaderModifier", "ResponseHeaderModifier");
    }
}
