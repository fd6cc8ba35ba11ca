using System.Globalization;
using Weft.Api.Model.Security;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Security;

/// <summary>
/// PeerAuthentication: the selector, port-level modes keyed by real port numbers, and port-level
/// modes only on a policy that selects workloads (a mesh or namespace policy has no ports to name).
/// </summary>
public sealed class PeerAuthenticationValidator : KindValidator<PeerAuthentication>
{
    public override IEnumerable<FieldError> Validate(PeerAuthentication obj, ValidationContext ctx)
    {
        var spec = obj.Spec ?? new PeerAuthenticationSpec();
        return
        [
            .. MetadataRules.Annotations(obj),
            .. PolicyTargetRules.Selector("spec.selector", spec.Selector),
            .. PortLevel(spec),
        ];
    }

    private static IEnumerable<FieldError> PortLevel(PeerAuthenticationSpec spec)
    {
        if (spec.PortLevelMtls is not { } ports)
            yield break;
        const string at = "spec.portLevelMtls";
        if (Crd.MinProperties(at, ports.Count, 1) is { } empty)
            yield return empty;
        foreach (var key in ports.Keys)
        {
            var path = FieldPath.Key(at, key);
            if (!long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port))
                yield return FieldError.Invalid(path, key, "type conversion error from string to int: the key must be a port number");
            else if (port is < 1 or > 65535)
                yield return FieldError.Invalid(path, key, "port must be between 1-65535");
        }
        if (spec.Selector?.MatchLabels is not { Count: > 0 })
            yield return Crd.Rule("spec", "object", "portLevelMtls requires selector");
    }
}
