using Weft.Api.Model.Maistra;
using Weft.Api.Validation.Core;

namespace Weft.Api.Validation.Maistra;

/// <summary>
/// ServiceMeshMemberRoll as OpenShift Service Mesh's admission webhook validates it: named
/// <c>default</c>; members are namespace names, unique, never the control plane's own namespace,
/// and <c>*</c> only alone; member selectors are valid label selectors. (The webhook's checks
/// that need the cluster, other member rolls and the user's permissions, are not schema rules.)
/// </summary>
public sealed class ServiceMeshMemberRollValidator : KindValidator<ServiceMeshMemberRoll>
{
    public override IEnumerable<FieldError> Validate(ServiceMeshMemberRoll obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Name != ServiceMeshMemberRoll.RequiredName)
            e.Add(FieldError.Invalid("metadata.name", obj.Name, $"ServiceMeshMemberRoll must be named '{ServiceMeshMemberRoll.RequiredName}'"));
        var spec = obj.Spec;
        if (spec?.Members is { } members)
        {
            if (members.Contains("*") && members.Count > 1)
                e.Add(FieldError.InvalidNoValue("spec.members", "when .spec.members contains an asterisk ('*'), it must contain no other entries"));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < members.Count; i++)
            {
                var path = FieldPath.Index("spec.members", i);
                var member = members[i];
                if (member != "*" && !Rules.IsDns1123Label(member))
                    e.Add(FieldError.Invalid(path, member, $".spec.members contains invalid value '{member}'. Must be a valid namespace name."));
                if (!seen.Add(member))
                    e.Add(FieldError.Duplicate(path, member) with { Reason = $"Duplicate value: {FieldError.Format(member)}: ServiceMeshMemberRoll may not contain duplicate namespaces in .spec.members" });
                if (member == obj.Namespace && member.Length > 0)
                    e.Add(FieldError.Invalid(path, member, "mesh project/namespace cannot be listed as a member"));
            }
        }
        if (spec?.MemberSelectors is { } selectors)
            for (var i = 0; i < selectors.Count; i++)
                e.AddRange(LabelSelectorRules.Validate(FieldPath.Index("spec.memberSelectors", i), selectors[i]));
        return e;
    }
}
