using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Network.IstioNetworkGateway: a gateway into a network, by registry service name or by address (one of them).</summary>
[WireNullsAreAbsent]
public sealed record IstioNetworkGateway
{
    /// <summary>The fully qualified name of the gateway's Service in the registry.</summary>
    public string? RegistryServiceName { get; init; }

    /// <summary>An IP address (or a host name, resolved by the control plane).</summary>
    public string? Address { get; init; }

    public uint? Port { get; init; }

    /// <summary>The gateway's locality (region/zone/subzone).</summary>
    public string? Locality { get; init; }

    /// <summary>Relative share of traffic among the network's gateways.</summary>
    public uint? Weight { get; init; }
}
