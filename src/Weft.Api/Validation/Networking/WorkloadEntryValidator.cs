using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>A WorkloadEntry: an address (IP, DNS name or Unix socket) unless only a network is known, valid ports and labels.</summary>
public sealed class WorkloadEntryValidator : NetworkingKindValidator<WorkloadEntry>
{
    internal override void Check(WorkloadEntry obj, ErrorList errors)
    {
        if (obj.Spec is null)
        {
            errors.Required("spec");
            return;
        }
        WorkloadEntryRules.Check(errors, "spec", obj.Spec, WorkloadEntryRules.AddressUse.IpOrFqdn);
    }
}
