using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>GatewayClass: a controller name (a domain-prefixed path), a short description, parameters.</summary>
public sealed class GatewayClassValidator : KindValidator<GatewayClass>
{
    public override IEnumerable<FieldError> Validate(GatewayClass obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        Require(e, "spec.controllerName", spec.ControllerName, (p, v) => OpenApi.String(p, v, 1, 253, GatewayApiPatterns.ControllerName));
        e.AddIf(OpenApi.String("spec.description", spec.Description, maxLength: 64));
        if (spec.ParametersRef is { } parameters)
            References.Parameters(e, "spec.parametersRef", parameters);
        return e;
    }
}
