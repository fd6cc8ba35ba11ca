using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Topology: what stands in front of a gateway, for client addresses and XFCC.</summary>
[WireNullsAreAbsent]
public sealed record Topology
{
    /// <summary>Trusted proxies in front of the gateway; the client address is the Nth from the right of X-Forwarded-For.</summary>
    public uint? NumTrustedProxies { get; init; }

    public ForwardClientCertDetails? ForwardClientCertDetails { get; init; }

    /// <summary>Present: the gateway expects the PROXY protocol.</summary>
    public ProxyProtocolConfiguration? ProxyProtocol { get; init; }
}
