using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>An EnvoyFilter: a selector or target references (not both), and well-formed patches.</summary>
public sealed class EnvoyFilterValidator : NetworkingKindValidator<EnvoyFilter>
{
    internal override void Check(EnvoyFilter obj, ErrorList errors)
    {
        var spec = obj.Spec ?? new EnvoyFilterSpec();
        if (spec.WorkloadSelector is not null && spec.TargetRefs is not null)
            errors.Add(Crd.Rule("spec", "object", "only one of targetRefs or workloadSelector can be set"));
        errors.AddRange(SelectorRules.Labels("spec.workloadSelector", spec.WorkloadSelector));
        errors.AddRange(PolicyTargetRules.TargetRefs("spec.targetRefs", spec.TargetRefs));
        for (var i = 0; spec.ConfigPatches is { } patches && i < patches.Count; i++)
            EnvoyFilterPatchRules.Check(errors, FieldPath.Index("spec.configPatches", i), patches[i]);
    }
}
