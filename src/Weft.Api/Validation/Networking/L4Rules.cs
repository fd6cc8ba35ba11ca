using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>TCP rules and the layer-4 match attributes they share with TLS rules.</summary>
internal static class L4Rules
{
    public static void TcpRoute(ErrorList errors, string path, TcpRoute route)
    {
        if (route.Match is { } matches)
        {
            for (var i = 0; i < matches.Count; i++)
            {
                var at = FieldPath.Index(FieldPath.Child(path, "match"), i);
                var m = matches[i];
                Subnets(errors, FieldPath.Child(at, "destinationSubnets"), m.DestinationSubnets);
                errors.Add(PortRules.IfSet(FieldPath.Child(at, "port"), m.Port));
                errors.AddRange(Rules.Labels(FieldPath.Child(at, "sourceLabels"), m.SourceLabels));
                GatewayNameRules.Check(errors, FieldPath.Child(at, "gateways"), m.Gateways);
            }
        }
        if (route.Route is not { Count: > 0 })
            errors.Required(FieldPath.Child(path, "route"), "TCP route is required");
        DestinationRules.RouteDestinations(errors, FieldPath.Child(path, "route"), route.Route);
    }

    public static void Subnets(ErrorList errors, string path, IReadOnlyList<string>? subnets)
    {
        if (subnets is null)
            return;
        for (var i = 0; i < subnets.Count; i++)
            errors.Add(AddressRules.IpSubnet(FieldPath.Index(path, i), subnets[i]));
    }
}
