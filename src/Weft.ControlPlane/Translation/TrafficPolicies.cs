using Weft.Api.Model.Networking;
using D = Weft.Discovery.Clusters;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// DestinationRule traffic policy for one cluster, merged as Istio's MergeTrafficPolicy and
/// converted to the proxy's settings as Istio's cluster builder does.
/// </summary>
public static class TrafficPolicies
{
    /// <summary>
    /// The policy of one (subset, port): the top-level policy with its port-level entry applied,
    /// then each field the subset sets, then the subset's own port-level entry. A port-level entry
    /// replaces load balancer, connection pool, outlier detection and TLS together: per Istio's
    /// docs, what it leaves out falls back to defaults, not to the level above.
    /// </summary>
    public static TrafficPolicy? Merge(TrafficPolicy? top, TrafficPolicy? subset, int port)
    {
        var merged = ForPort(top, port);
        if (subset is null)
            return merged;
        merged = new TrafficPolicy
        {
            LoadBalancer = subset.LoadBalancer ?? merged?.LoadBalancer,
            ConnectionPool = subset.ConnectionPool ?? merged?.ConnectionPool,
            OutlierDetection = subset.OutlierDetection ?? merged?.OutlierDetection,
            Tls = subset.Tls ?? merged?.Tls,
            Tunnel = subset.Tunnel ?? merged?.Tunnel,
            ProxyProtocol = subset.ProxyProtocol ?? merged?.ProxyProtocol,
        };
        return ApplyPortLevel(merged, subset, port);
    }

    private static TrafficPolicy? ForPort(TrafficPolicy? policy, int port) => policy is null ? null : ApplyPortLevel(policy with { PortLevelSettings = null }, policy, port);

    private static TrafficPolicy ApplyPortLevel(TrafficPolicy merged, TrafficPolicy source, int port)
    {
        foreach (var p in source.PortLevelSettings ?? [])
        {
            if (p.Port?.Number is { } n && n == port)
                return merged with { LoadBalancer = p.LoadBalancer, ConnectionPool = p.ConnectionPool, OutlierDetection = p.OutlierDetection, Tls = p.Tls };
        }
        return merged;
    }

    public static D.LoadBalancerSettings LoadBalancer(LoadBalancerSettings? lb)
    {
        if (lb?.ConsistentHash is { } h)
        {
            var hash = new D.ConsistentHashSettings
            {
                HttpHeaderName = NullIfEmpty(h.HttpHeaderName),
                HttpCookie = h.HttpCookie is { Name: { Length: > 0 } name } c
                    ? new D.HashCookie { Name = name, Path = NullIfEmpty(c.Path), Ttl = c.Ttl is { } ttl && ttl.TryGetValue(out var t) ? t : null }
                    : null,
                UseSourceIp = h.UseSourceIp == true,
                HttpQueryParameterName = NullIfEmpty(h.HttpQueryParameterName),
                MinimumRingSize = (int)Math.Clamp(h.RingHash?.MinimumRingSize ?? h.MinimumRingSize ?? 1024UL, 1UL, 8_388_608UL),
            };
            return new D.LoadBalancerSettings { Policy = h.Maglev is not null ? D.LoadBalancerPolicy.Maglev : D.LoadBalancerPolicy.RingHash, ConsistentHash = hash };
        }
        var policy = lb?.Simple switch
        {
            SimpleLB.RoundRobin => D.LoadBalancerPolicy.RoundRobin,
            SimpleLB.Random => D.LoadBalancerPolicy.Random,
            SimpleLB.Passthrough => D.LoadBalancerPolicy.Passthrough,
            // LEAST_CONN is LEAST_REQUEST's old name; unset is Istio's default, LEAST_REQUEST.
            _ => D.LoadBalancerPolicy.LeastRequest,
        };
        return new D.LoadBalancerSettings { Policy = policy };
    }

    public static D.ConnectionPoolSettings ConnectionPool(ConnectionPoolSettings? pool)
    {
        var result = new D.ConnectionPoolSettings();
        if (pool is null)
            return result;
        if (pool.Tcp is { } tcp)
        {
            result = result with { MaxConnections = Positive(tcp.MaxConnections) };
            if (tcp.ConnectTimeout is { } ct && ct.TryGetValue(out var connect) && connect > TimeSpan.Zero)
                result = result with { ConnectTimeout = connect };
        }
        if (pool.Http is { } http)
        {
            result = result with
            {
                MaxPendingRequests = Positive(http.Http1MaxPendingRequests),
                MaxRequests = Positive(http.Http2MaxRequests),
                MaxRequestsPerConnection = Positive(http.MaxRequestsPerConnection),
                MaxRetries = Positive(http.MaxRetries),
            };
            if (http.IdleTimeout is { } it && it.TryGetValue(out var idle) && idle > TimeSpan.Zero)
                result = result with { IdleTimeout = idle };
        }
        return result;
    }

    /// <summary>
    /// Istio's outlier detection: each threshold it sets (0 turns that check off); the deprecated
    /// consecutiveErrors counts gateway errors only and turns the 5xx check off.
    /// </summary>
    public static D.OutlierDetectionSettings? OutlierDetection(OutlierDetection? o)
    {
        if (o is null)
            return null;
        var result = new D.OutlierDetectionSettings();
        if (o.Consecutive5xxErrors is { } c5)
            result = result with { Consecutive5xxErrors = (int)Math.Min(c5, int.MaxValue) };
        if (o.ConsecutiveGatewayErrors is { } cg)
            result = result with { ConsecutiveGatewayErrors = (int)Math.Min(cg, int.MaxValue) };
        if (o.ConsecutiveErrors is > 0 and var ce)
            result = result with { ConsecutiveGatewayErrors = ce, Consecutive5xxErrors = null };
        if (o.Interval is { } i && i.TryGetValue(out var interval) && interval > TimeSpan.Zero)
            result = result with { Interval = interval };
        if (o.BaseEjectionTime is { } b && b.TryGetValue(out var baseTime) && baseTime > TimeSpan.Zero)
            result = result with { BaseEjectionTime = baseTime };
        if (o.MaxEjectionPercent is { } mep)
            result = result with { MaxEjectionPercent = Math.Clamp(mep, 0, 100) };
        if (o.MinHealthPercent is { } mhp)
            result = result with { MinHealthPercent = Math.Clamp(mhp, 0, 100) };
        return result;
    }

    private static int? Positive(int? v) => v is > 0 ? v : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
