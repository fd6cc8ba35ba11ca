using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>TLS rules: matched by SNI hosts that the VirtualService's hosts cover.</summary>
internal static class TlsRouteRules
{
    public static void Check(ErrorList errors, string path, TlsRoute route, VirtualServiceSpec vs)
    {
        var matchPath = FieldPath.Child(path, "match");
        if (route.Match is not { Count: > 0 } matches)
            errors.Required(matchPath, "TLS route must have at least one match condition");
        else
            for (var i = 0; i < matches.Count; i++)
                Match(errors, FieldPath.Index(matchPath, i), matches[i], vs);
        if (route.Route is not { Count: > 0 })
            errors.Required(FieldPath.Child(path, "route"), "TLS route is required");
        DestinationRules.RouteDestinations(errors, FieldPath.Child(path, "route"), route.Route);
    }

    private static void Match(ErrorList errors, string path, TlsMatchAttributes match, VirtualServiceSpec vs)
    {
        var sniPath = FieldPath.Child(path, "sniHosts");
        if (match.SniHosts is not { Count: > 0 } sniHosts)
            errors.Required(sniPath, "TLS match must have at least one SNI host");
        else
            for (var i = 0; i < sniHosts.Count; i++)
                SniHost(errors, FieldPath.Index(sniPath, i), sniHosts[i], vs);
        L4Rules.Subnets(errors, FieldPath.Child(path, "destinationSubnets"), match.DestinationSubnets);
        errors.Add(PortRules.IfSet(FieldPath.Child(path, "port"), match.Port));
        errors.AddRange(Rules.Labels(FieldPath.Child(path, "sourceLabels"), match.SourceLabels));
        GatewayNameRules.Check(errors, FieldPath.Child(path, "gateways"), match.Gateways);
    }

    private static void SniHost(ErrorList errors, string path, string sni, VirtualServiceSpec vs)
    {
        var reason = BoundToGateway(vs) ? VirtualServiceHosts.CheckGatewayHost(sni, sni: true) : HostRules.CheckWildcardDomain(sni);
        if (reason is not null)
        {
            // An IP address is against the SNI spec, but Istio only warns about it.
            if (!AddressRules.IsIp(sni))
                errors.Invalid(path, sni, reason);
            return;
        }
        var hosts = vs.Hosts ?? [];
        if (!hosts.Any(h => HostNames.SubsetOf(sni, h)))
            errors.Invalid(path, sni, $"SNI host \"{sni}\" is not a compatible subset of any of the virtual service hosts: [{string.Join(", ", hosts)}]");
    }

    // As Istio's isGateway: every binding (none counts as none) is to a gateway rather than the mesh.
    private static bool BoundToGateway(VirtualServiceSpec vs) => vs.Gateways?.Contains(GatewayNameRules.Mesh) != true;
}
