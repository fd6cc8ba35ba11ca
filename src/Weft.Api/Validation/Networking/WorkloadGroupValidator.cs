using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A WorkloadGroup: a template (whose address is filled in at registration), labels and
/// annotations for the entries it generates, and a readiness probe.
/// </summary>
public sealed class WorkloadGroupValidator : NetworkingKindValidator<WorkloadGroup>
{
    internal override void Check(WorkloadGroup obj, ErrorList errors)
    {
        if (obj.Spec is not { } spec)
        {
            errors.Required("spec");
            return;
        }
        if (spec.Template is null)
            errors.Required("spec.template", "template is required");
        else
            WorkloadEntryRules.Check(errors, "spec.template", spec.Template, WorkloadEntryRules.AddressUse.Template);
        if (spec.Metadata is { } meta)
        {
            errors.Add(Crd.MaxProperties("spec.metadata.labels", meta.Labels?.Count, 256));
            errors.Add(Crd.MaxProperties("spec.metadata.annotations", meta.Annotations?.Count, 256));
            errors.AddRange(Rules.Labels("spec.metadata.labels", meta.Labels));
        }
        ProbeRules.Check(errors, "spec.probe", spec.Probe);
    }
}
