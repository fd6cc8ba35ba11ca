using Weft.Api.Model.GatewayApi;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>ReferenceGrant: 1 to 16 sources (group, kind, namespace) and targets (group, kind, optional name).</summary>
public sealed class ReferenceGrantValidator : KindValidator<ReferenceGrant>
{
    public override IEnumerable<FieldError> Validate(ReferenceGrant obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        if (spec.From is not { } from)
        {
            e.Add(OpenApi.Required("spec.from"));
        }
        else
        {
            e.AddIf(OpenApi.Items("spec.from", from.Count, 1, 16));
            for (var i = 0; i < from.Count; i++)
            {
                var at = FieldPath.Index("spec.from", i);
                Require(e, FieldPath.Child(at, "group"), from[i].Group, Group);
                Require(e, FieldPath.Child(at, "kind"), from[i].Kind, Kind);
                Require(e, FieldPath.Child(at, "namespace"), from[i].Namespace, Namespace);
            }
        }
        if (spec.To is not { } to)
        {
            e.Add(OpenApi.Required("spec.to"));
        }
        else
        {
            e.AddIf(OpenApi.Items("spec.to", to.Count, 1, 16));
            for (var i = 0; i < to.Count; i++)
            {
                var at = FieldPath.Index("spec.to", i);
                Require(e, FieldPath.Child(at, "group"), to[i].Group, Group);
                Require(e, FieldPath.Child(at, "kind"), to[i].Kind, Kind);
                e.AddIf(ObjectName(FieldPath.Child(at, "name"), to[i].Name));
            }
        }
        return e;
    }
}
