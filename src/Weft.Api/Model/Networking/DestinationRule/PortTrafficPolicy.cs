using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A traffic policy for one port of the destination, overriding the rule's own.</summary>
[WireNullsAreAbsent]
public sealed record PortTrafficPolicy
{
    public PortSelector? Port { get; init; }
    public LoadBalancerSettings? LoadBalancer { get; init; }
    public ConnectionPoolSettings? ConnectionPool { get; init; }
    public OutlierDetection? OutlierDetection { get; init; }
    public ClientTlsSettings? Tls { get; init; }
}
