using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>The rules of the stream routes, which share one shape.</summary>
internal static class StreamRules
{
    public static void Check<TRule>(List<FieldError> e, string version, IReadOnlyList<TRule>? rules,
        Func<TRule, string?> name, Func<TRule, IReadOnlyList<BackendRef>?> backends)
    {
        if (rules is null)
        {
            e.Add(OpenApi.Required("spec.rules"));
            return;
        }
        e.AddIf(OpenApi.Items("spec.rules", rules.Count, 1, version is "v1alpha2" ? 16 : 1));
        for (var i = 0; i < rules.Count; i++)
        {
            var at = FieldPath.Index("spec.rules", i);
            e.AddIf(SectionName(FieldPath.Child(at, "name"), name(rules[i])));
            if (backends(rules[i]) is { } refs)
                References.Backends(e, FieldPath.Child(at, "backendRefs"), refs, minItems: 1);
            else
                e.Add(OpenApi.Required(FieldPath.Child(at, "backendRefs")));
        }
    }
}
