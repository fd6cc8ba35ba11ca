namespace Weft.Discovery.Clusters;

/// <summary>
/// Istio connectionPool as Envoy circuit breakers. Null limits are unlimited (Istio's
/// default of 2^32-1). Overflow answers 503 with <c>x-envoy-overloaded: true</c> (flag UO).
/// </summary>
public sealed record ConnectionPoolSettings
{
    /// <summary>Connections to the cluster (tcp.maxConnections); beyond it HTTP/1 requests wait as pending.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Requests waiting for a connection (http.http1MaxPendingRequests).</summary>
    public int? MaxPendingRequests { get; init; }

    /// <summary>Requests in flight to the cluster (http.http2MaxRequests).</summary>
    public int? MaxRequests { get; init; }

    /// <summary>Requests per upstream connection (http.maxRequestsPerConnection); null or 0: unlimited.</summary>
    public int? MaxRequestsPerConnection { get; init; }

    /// <summary>Retries in flight to the cluster (http.maxRetries).</summary>
    public int? MaxRetries { get; init; }

    /// <summary>tcp.connectTimeout; Istio's default is 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>http.idleTimeout for pooled upstream connections; Istio's default is 1 h.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(1);
}
