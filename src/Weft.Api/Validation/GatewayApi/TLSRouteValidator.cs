using Weft.Api.Model.GatewayApi;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>
/// TLSRoute: SNI host names (required from v1 on, and neither IPs nor misplaced wildcards), parents,
/// one rule of weighted backends.
/// </summary>
public sealed class TLSRouteValidator : KindValidator<TLSRoute>
{
    public override IEnumerable<FieldError> Validate(TLSRoute obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        References.Parents(e, "spec.parentRefs", spec.ParentRefs);
        var v1 = obj.Version != "v1alpha2";
        if (spec.Hostnames is null)
        {
            if (v1)
                e.Add(OpenApi.Required("spec.hostnames"));
        }
        else
        {
            References.Hostnames(e, "spec.hostnames", spec.Hostnames, maxItems: 1024);
            if (v1)
                HostnameRules(e, "spec.hostnames", spec.Hostnames);
        }
        StreamRules.Check(e, obj.Version, spec.Rules, r => r.Name, r => r.BackendRefs);
        return e;
    }

    private static void HostnameRules(List<FieldError> e, string at, IReadOnlyList<string> hostnames)
    {
        e.AddIf(OpenApi.Items(at, hostnames.Count, minItems: 1));
        if (hostnames.Any(Rules.IsIp))
            e.Add(OpenApi.Rule(at, "array", "Hostnames cannot contain an IP"));
        if (hostnames.Any(h => !h.Contains('*', StringComparison.Ordinal) && !GatewayApiPatterns.PreciseHostname.IsMatch(h)))
            e.Add(OpenApi.Rule(at, "array", "Hostnames must be valid based on RFC-1123"));
        if (hostnames.Any(h => h.Contains('*', StringComparison.Ordinal) && !(h.StartsWith("*.", StringComparison.Ordinal) && GatewayApiPatterns.PreciseHostname.IsMatch(h[2..]))))
            e.Add(OpenApi.Rule(at, "array", "Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123"));
    }
}
