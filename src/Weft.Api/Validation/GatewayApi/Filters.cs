using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>The filter bodies shared by HTTPRoute and GRPCRoute: header modifiers, mirrors, extension references.</summary>
internal static class Filters
{
    public static void HeaderModifier(List<FieldError> e, string at, HTTPHeaderFilter f)
    {
        Headers(e, FieldPath.Child(at, "set"), f.Set);
        Headers(e, FieldPath.Child(at, "add"), f.Add);
        if (f.Remove is { } remove)
        {
            var path = FieldPath.Child(at, "remove");
            e.AddIf(OpenApi.Items(path, remove.Count, maxItems: 16));
            e.AddRange(OpenApi.UniqueItems(path, remove));
        }
    }

    private static void Headers(List<FieldError> e, string at, IReadOnlyList<HTTPHeader>? headers)
    {
        if (headers is null)
            return;
        e.AddIf(OpenApi.Items(at, headers.Count, maxItems: 16));
        for (var i = 0; i < headers.Count; i++)
        {
            var path = FieldPath.Index(at, i);
            Require(e, FieldPath.Child(path, "name"), headers[i].Name, HeaderName);
            Require(e, FieldPath.Child(path, "value"), headers[i].Value, (p, v) => OpenApi.String(p, v, 1, 4096));
        }
        e.AddRange(OpenApi.UniqueKeys(at, headers, "name", h => h.Name));
    }

    public static void Mirror(List<FieldError> e, string at, HTTPRequestMirrorFilter m)
    {
        if (m.BackendRef is null)
            e.Add(OpenApi.Required(FieldPath.Child(at, "backendRef")));
        else
            References.Backend(e, FieldPath.Child(at, "backendRef"), m.BackendRef);
        e.AddIf(OpenApi.Number(FieldPath.Child(at, "percent"), m.Percent, 0, 100));
        if (m.Fraction is { } f)
        {
            var path = FieldPath.Child(at, "fraction");
            Require(e, FieldPath.Child(path, "numerator"), f.Numerator, (p, v) => OpenApi.Number(p, v, 0));
            e.AddIf(OpenApi.Number(FieldPath.Child(path, "denominator"), f.Denominator, 1));
            if (f.Numerator is { } n && n > (f.Denominator ?? 100))
                e.Add(OpenApi.Rule(path, "object", "numerator must be less than or equal to denominator"));
        }
        if (m.Percent is not null && m.Fraction is not null)
            e.Add(OpenApi.Rule(at, "object", "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter"));
    }

    /// <summary>
    /// The rule every filter kind carries: the field named after the filter's type is set, and no
    /// other. <paramref name="fields"/> lists (wire name, type name, set?) in the CRD's order.
    /// </summary>
    public static void TypeMatchesField(List<FieldError> e, string at, string? type, IEnumerable<(string Field, string Type, bool Set)> fields)
    {
        if (type is null)
            return;
        foreach (var (field, fieldType, set) in fields)
        {
            if (set && type != fieldType)
                e.Add(OpenApi.Rule(at, "object", $"filter.{field} must be nil if the filter.type is not {fieldType}"));
            if (!set && type == fieldType)
                e.Add(OpenApi.Rule(at, "object", $"filter.{field} must be specified for {fieldType} filter.type"));
        }
    }

    /// <summary>The rule that a filter type appears at most once in a list.</summary>
    public static void NotRepeated<T>(List<FieldError> e, string at, IReadOnlyList<T> filters, Func<T, string?> type, params string[] types)
    {
        foreach (var t in types)
        {
            var count = 0;
            foreach (var f in filters)
                if (type(f) == t)
                    count++;
            if (count > 1)
                e.Add(OpenApi.Rule(at, "array", $"{t} filter cannot be repeated"));
        }
    }
}
