using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>A WorkloadEntry: an address (IP, DNS name or Unix socket) unless only a network is known, valid ports and labels.</summary>
public sealed class WorkloadEntryValidator : KindValidator<WorkloadEntry>
{
    public override IEnumerable<FieldError> Validate(WorkloadEntry obj, ValidationContext ctx)
    {
        if (obj.Spec is null)
            return [FieldError.Required("spec")];
        var errors = new ErrorList();
        WorkloadEntryRules.Check(errors, "spec", obj.Spec, WorkloadEntryRules.AddressUse.IpOrFqdn);
        return errors.Items;
    }
}
