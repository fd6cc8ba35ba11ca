using Weft.Api.Model.GatewayApi;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>
/// TCPRoute: parents and one rule of weighted backends. From v1 on a route has exactly
/// one rule; the deprecated v1alpha2 allowed up to 16.
/// </summary>
public sealed class TCPRouteValidator : KindValidator<TCPRoute>
{
    public override IEnumerable<FieldError> Validate(TCPRoute obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        References.Parents(e, "spec.parentRefs", spec.ParentRefs);
        StreamRules.Check(e, obj.Version, spec.Rules, r => r.Name, r => r.BackendRefs);
        return e;
    }
}
