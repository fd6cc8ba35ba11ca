using Weft.Api.Model.GatewayApi;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>UDPRoute: parents and one rule of weighted backends (up to 16 in the deprecated v1alpha2).</summary>
public sealed class UDPRouteValidator : KindValidator<UDPRoute>
{
    public override IEnumerable<FieldError> Validate(UDPRoute obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        References.Parents(e, "spec.parentRefs", spec.ParentRefs);
        StreamRules.Check(e, obj.Version, spec.Rules, r => r.Name, r => r.BackendRefs);
        return e;
    }
}
