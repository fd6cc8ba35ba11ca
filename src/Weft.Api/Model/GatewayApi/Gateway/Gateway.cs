using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io Gateway: listeners (port, protocol, hostname, TLS) that routes attach to.</summary>
public sealed record Gateway : SpecObject<GatewaySpec>;

public sealed record GatewaySpec
{
    public string? GatewayClassName { get; init; }

    public IReadOnlyList<Listener>? Listeners { get; init; }

    public IReadOnlyList<GatewaySpecAddress>? Addresses { get; init; }

    public GatewayInfrastructure? Infrastructure { get; init; }

    /// <summary>Which namespaces' ListenerSets may add listeners to this Gateway.</summary>
    public AllowedListeners? AllowedListeners { get; init; }

    public GatewayTLSConfig? Tls { get; init; }
}
