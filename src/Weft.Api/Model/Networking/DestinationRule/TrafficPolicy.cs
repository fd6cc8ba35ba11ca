using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Load balancing, connection pool, outlier detection, TLS and tunnelling for a destination.</summary>
[WireNullsAreAbsent]
public sealed record TrafficPolicy
{
    public LoadBalancerSettings? LoadBalancer { get; init; }
    public ConnectionPoolSettings? ConnectionPool { get; init; }
    public OutlierDetection? OutlierDetection { get; init; }
    public ClientTlsSettings? Tls { get; init; }
    public IReadOnlyList<PortTrafficPolicy>? PortLevelSettings { get; init; }
    public TunnelSettings? Tunnel { get; init; }
    public ProxyProtocol? ProxyProtocol { get; init; }
    public RetryBudget? RetryBudget { get; init; }
}
