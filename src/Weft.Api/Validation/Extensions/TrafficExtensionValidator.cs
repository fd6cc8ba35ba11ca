using Weft.Api.Model.Extensions;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Extensions;

/// <summary>TrafficExtension: where it attaches, exactly one of a WebAssembly module or Lua code, and each one's own rules.</summary>
public sealed class TrafficExtensionValidator : KindValidator<TrafficExtension>
{
    public override IEnumerable<FieldError> Validate(TrafficExtension obj, ValidationContext ctx)
    {
        var errors = new List<FieldError>(MetadataRules.Annotations(obj));
        if (obj.Spec is not { } spec)
        {
            errors.Add(FieldError.Required("spec"));
            return errors;
        }
        errors.AddRange(PolicyTargetRules.All("spec", spec.Selector, targetRef: null, spec.TargetRefs));
        if ((spec.Wasm is null) == (spec.Lua is null))
            errors.Add(Crd.Rule("spec", "object", "exactly one of wasm or lua must be set"));
        if (spec.Wasm is { } wasm)
        {
            errors.AddRange(WasmModuleRules.Url("spec.wasm.url", wasm.Url));
            if (WasmModuleRules.Sha256("spec.wasm.sha256", wasm.Sha256) is { } sha)
                errors.Add(sha);
            errors.AddRange(WasmModuleRules.Names("spec.wasm", wasm.ImagePullSecret, wasm.PluginName));
            errors.AddRange(WasmModuleRules.Vm("spec.wasm.vmConfig", wasm.VmConfig));
        }
        if (spec.Lua is { } lua)
        {
            const string code = "spec.lua.inlineCode";
            if ((Crd.Required(code, lua.InlineCode) ?? Crd.MinLength(code, lua.InlineCode, 1) ?? Crd.MaxLength(code, lua.InlineCode, 65536)) is { } e)
                errors.Add(e);
        }
        errors.AddRange(WasmModuleRules.Match("spec.match", spec.Match));
        return errors;
    }
}
