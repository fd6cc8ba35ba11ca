using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>A DestinationRule: its host, traffic policy, uniquely named subsets, exportTo and workload selector.</summary>
public sealed class DestinationRuleValidator : NetworkingKindValidator<DestinationRule>
{
    internal override void Check(DestinationRule obj, ErrorList errors)
    {
        var spec = obj.Spec ?? new DestinationRuleSpec();
        if (spec.Host is not { } host)
            errors.Required("spec.host");
        else
            errors.Add(HostRules.WildcardDomain("spec.host", host));
        TrafficPolicyRules.Check(errors, "spec.trafficPolicy", spec.TrafficPolicy, obj.Namespace);
        Subsets(errors, spec.Subsets, obj.Namespace);
        errors.AddRange(ExportToRules.Validate("spec.exportTo", obj.Namespace, spec.ExportTo,
            spec.WorkloadSelector is null ? ExportToRules.Kind.Default : ExportToRules.Kind.DestinationRuleWithSelector));
        errors.AddRange(PolicyTargetRules.Selector("spec.workloadSelector", spec.WorkloadSelector));
    }

    private static void Subsets(ErrorList errors, IReadOnlyList<Subset>? subsets, string ns)
    {
        if (subsets is null)
            return;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < subsets.Count; i++)
        {
            var at = FieldPath.Index("spec.subsets", i);
            var s = subsets[i];
            var namePath = FieldPath.Child(at, "name");
            if (s.Name is null)
                errors.Required(namePath);
            else if (!names.Add(s.Name))
                errors.Add(FieldError.Duplicate(namePath, s.Name));
            else
                errors.Add(DestinationRules.SubsetName(namePath, s.Name));
            errors.AddRange(Rules.Labels(FieldPath.Child(at, "labels"), s.Labels));
            TrafficPolicyRules.Check(errors, FieldPath.Child(at, "trafficPolicy"), s.TrafficPolicy, ns);
        }
    }
}
