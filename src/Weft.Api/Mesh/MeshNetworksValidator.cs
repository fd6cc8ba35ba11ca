using Weft.Api.Model.Mesh;
using Weft.Api.Validation;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Mesh;

/// <summary>MeshNetworks, as Istio's ValidateMeshNetworks checks it: endpoint sources and gateways of each network.</summary>
public static class MeshNetworksValidator
{
    public static IReadOnlyList<FieldError> Validate(MeshNetworks networks)
    {
        var errors = new List<FieldError>();
        foreach (var (name, network) in networks.Networks ?? new Dictionary<string, MeshNetwork>())
        {
            var at = FieldPath.Key("networks", name);
            var endpoints = network.Endpoints ?? [];
            for (var i = 0; i < endpoints.Count; i++)
                errors.AddRange(Endpoints(FieldPath.Index(FieldPath.Child(at, "endpoints"), i), endpoints[i]));
            var gateways = network.Gateways ?? [];
            for (var i = 0; i < gateways.Count; i++)
                errors.AddRange(Gateway(FieldPath.Index(FieldPath.Child(at, "gateways"), i), gateways[i]));
        }
        return errors;
    }

    private static IEnumerable<FieldError> Endpoints(string at, NetworkEndpoints e)
    {
        if (e.FromCidr is not null && e.FromRegistry is not null)
            yield return FieldError.InvalidNoValue(at, "set fromCidr or fromRegistry, not both");
        else if (e.FromCidr is null && e.FromRegistry is null)
            yield return FieldError.Required(at, "set fromCidr or fromRegistry");
        if (e.FromCidr is { } cidr && AddressRules.CheckIpSubnet(cidr) is { } bad)
            yield return FieldError.Invalid(FieldPath.Child(at, "fromCidr"), cidr, bad);
        if (e.FromRegistry is { } registry && !HostRules.IsDns1123Label(registry))
            yield return FieldError.Invalid(FieldPath.Child(at, "fromRegistry"), registry, "invalid registry name: must be a DNS-1123 label");
    }

    private static IEnumerable<FieldError> Gateway(string at, IstioNetworkGateway g)
    {
        if (g.RegistryServiceName is not null && g.Address is not null)
            yield return FieldError.InvalidNoValue(at, "set registryServiceName or address, not both");
        else if (g.RegistryServiceName is null && g.Address is null)
            yield return FieldError.Required(at, "set registryServiceName or address");
        if (g.RegistryServiceName is { } service && HostRules.Fqdn(FieldPath.Child(at, "registryServiceName"), service) is { } badService)
            yield return badService;
        // Host names are resolved by the control plane, as Istio does by default (RESOLVE_HOSTNAME_GATEWAYS).
        if (g.Address is { } address && !AddressRules.IsIp(address) && HostRules.Fqdn(FieldPath.Child(at, "address"), address) is { } badAddress)
            yield return badAddress;
        if (Rules.Port(FieldPath.Child(at, "port"), g.Port) is { } badPort)
            yield return badPort;
    }
}
