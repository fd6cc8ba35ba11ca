using Weft.Api.Model.Extensions;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Extensions;

/// <summary>WasmPlugin: where it attaches, and its module (<see cref="WasmModuleRules"/>).</summary>
public sealed class WasmPluginValidator : KindValidator<WasmPlugin>
{
    public override IEnumerable<FieldError> Validate(WasmPlugin obj, ValidationContext ctx)
    {
        var errors = new List<FieldError>(MetadataRules.Annotations(obj));
        if (obj.Spec is not { } spec)
        {
            errors.Add(FieldError.Required("spec"));
            return errors;
        }
        errors.AddRange(PolicyTargetRules.All("spec", spec.Selector, spec.TargetRef, spec.TargetRefs));
        errors.AddRange(WasmModuleRules.Url("spec.url", spec.Url));
        if (WasmModuleRules.Sha256("spec.sha256", spec.Sha256) is { } sha)
            errors.Add(sha);
        errors.AddRange(WasmModuleRules.Names("spec", spec.ImagePullSecret, spec.PluginName));
        errors.AddRange(WasmModuleRules.Vm("spec.vmConfig", spec.VmConfig));
        errors.AddRange(WasmModuleRules.Match("spec.match", spec.Match));
        return errors;
    }
}
