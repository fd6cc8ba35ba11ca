using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// A VirtualService as Istio's webhook and CRD check it: its hosts and gateways, each HTTP, TLS and
/// TCP rule, and exportTo. A VirtualService without hosts is a delegate: only HTTP rules, no gateways.
/// </summary>
public sealed class VirtualServiceValidator : NetworkingKindValidator<VirtualService>
{
    internal override void Check(VirtualService obj, ErrorList errors)
    {
        var spec = obj.Spec ?? new VirtualServiceSpec();
        var hosts = spec.Hosts ?? [];
        var gateways = spec.Gateways ?? [];
        var isDelegate = hosts.Count == 0;
        if (isDelegate)
            DelegateRules(errors, spec);
        GatewayNameRules.Check(errors, "spec.gateways", spec.Gateways);
        var boundToGateway = gateways.Count > 0 && !gateways.Contains(GatewayNameRules.Mesh);
        if (!boundToGateway)
            NoJwtClaimRouting(errors, spec);
        Hosts(errors, spec, boundToGateway);
        if (spec.Http is not { Count: > 0 } && spec.Tcp is not { Count: > 0 } && spec.Tls is not { Count: > 0 })
            errors.Required("spec.http", "http, tcp or tls must be provided in virtual service");
        for (var i = 0; spec.Http is { } http && i < http.Count; i++)
            HttpRouteRules.Check(errors, FieldPath.Index("spec.http", i), http[i], isDelegate);
        for (var i = 0; spec.Tls is { } tls && i < tls.Count; i++)
            TlsRouteRules.Check(errors, FieldPath.Index("spec.tls", i), tls[i], spec);
        for (var i = 0; spec.Tcp is { } tcp && i < tcp.Count; i++)
            L4Rules.TcpRoute(errors, FieldPath.Index("spec.tcp", i), tcp[i]);
        errors.AddRange(ExportToRules.Validate("spec.exportTo", obj.Namespace, spec.ExportTo));
    }

    // A delegate's rules are merged into its root's; TLS and TCP cannot be merged, gateways come from the root.
    private static void DelegateRules(ErrorList errors, VirtualServiceSpec spec)
    {
        if (spec.Gateways is { Count: > 0 })
            errors.Forbidden("spec.gateways", "delegate virtual service must have no gateways specified");
        if (spec.Tls is { Count: > 0 })
            errors.Forbidden("spec.tls", "delegate virtual service must have no tls route specified");
        if (spec.Tcp is { Count: > 0 })
            errors.Forbidden("spec.tcp", "delegate virtual service must have no tcp route specified");
    }

    // Claims exist only where a gateway validated a JWT; sidecars have none to route on.
    private static void NoJwtClaimRouting(ErrorList errors, VirtualServiceSpec spec)
    {
        for (var i = 0; spec.Http is { } http && i < http.Count; i++)
        {
            for (var j = 0; http[i].Match is { } matches && j < matches.Count; j++)
            {
                foreach (var (field, map) in new[] { ("headers", matches[j].Headers), ("withoutHeaders", matches[j].WithoutHeaders) })
                {
                    foreach (var key in map?.Keys ?? [])
                    {
                        if (HeaderRules.IsJwtClaim(key))
                            errors.Forbidden(FieldPath.Key($"spec.http[{i}].match[{j}].{field}", key),
                                $"JWT claim based routing (key: {key}) is only supported for gateway, found no gateways: [{string.Join(" ", spec.Gateways ?? [])}]");
                    }
                }
            }
        }
    }

    private static void Hosts(ErrorList errors, VirtualServiceSpec spec, bool boundToGateway)
    {
        var hosts = spec.Hosts ?? [];
        var isSni = spec.Tls?.Any(t => t.Match?.Any(m => m.SniHosts is { Count: > 0 }) == true) == true;
        var allValid = true;
        for (var i = 0; i < hosts.Count; i++)
        {
            var at = FieldPath.Index("spec.hosts", i);
            var host = hosts[i];
            var reason = boundToGateway ? VirtualServiceHosts.CheckGatewayHost(host, isSni) : HostRules.CheckWildcardDomain(host);
            if (reason is not null)
            {
                // A VirtualService may be for an IP address.
                if (AddressRules.IsIp(host))
                    continue;
                errors.Invalid(at, host, reason);
                allValid = false;
            }
            else if (!boundToGateway && host == "*")
            {
                errors.Invalid(at, host, "wildcard host * is not allowed for virtual services bound to the mesh gateway");
                allValid = false;
            }
        }
        if (!allValid)
            return;
        // Overlapping hosts (equal, or one wildcard covering the other) would compete for the same requests.
        for (var i = 0; i < hosts.Count; i++)
            for (var j = i + 1; j < hosts.Count; j++)
                if (HostNames.Matches(hosts[i], hosts[j]))
                    errors.Invalid(FieldPath.Index("spec.hosts", j), hosts[j], $"duplicate hosts in virtual service: {hosts[i]} & {hosts[j]}");
    }
}
