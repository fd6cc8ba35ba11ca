using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>A ProxyConfig: a workload selector, a non-negative concurrency, environment values of at most 2048 characters.</summary>
public sealed class ProxyConfigValidator : NetworkingKindValidator<ProxyConfig>
{
    internal override void Check(ProxyConfig obj, ErrorList errors)
    {
        var spec = obj.Spec ?? new ProxyConfigSpec();
        errors.AddRange(PolicyTargetRules.Selector("spec.selector", spec.Selector));
        errors.Add(Bounds.Minimum("spec.concurrency", spec.Concurrency, 0));
        foreach (var (name, value) in spec.EnvironmentVariables ?? new Dictionary<string, string>())
            errors.Add(Crd.MaxLength(FieldPath.Key("spec.environmentVariables", name), value, 2048));
    }
}
