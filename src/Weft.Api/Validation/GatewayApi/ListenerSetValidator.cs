using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>ListenerSet: the Gateway it extends and listeners with the same rules as a Gateway's.</summary>
public sealed class ListenerSetValidator : KindValidator<ListenerSet>
{
    public override IEnumerable<FieldError> Validate(ListenerSet obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        if (spec.ParentRef is not { } parent)
        {
            e.Add(OpenApi.Required("spec.parentRef"));
        }
        else
        {
            e.AddIf(Group("spec.parentRef.group", parent.Group));
            e.AddIf(Kind("spec.parentRef.kind", parent.Kind));
            Require(e, "spec.parentRef.name", parent.Name, ObjectName);
            e.AddIf(Namespace("spec.parentRef.namespace", parent.Namespace));
        }
        Listeners.Check(e, "spec.listeners", spec.Listeners);
        return e;
    }
}
