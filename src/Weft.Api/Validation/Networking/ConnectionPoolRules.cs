using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>Connection pool limits are counts (never negative) and timeouts of at least 1ms.</summary>
internal static class ConnectionPoolRules
{
    public static void Check(ErrorList errors, string path, ConnectionPoolSettings? pool)
    {
        if (pool is null)
            return;
        if (pool.Http is null && pool.Tcp is null)
            errors.Required(path, "connection pool must have at least one field");
        Http(errors, FieldPath.Child(path, "http"), pool.Http);
        Tcp(errors, FieldPath.Child(path, "tcp"), pool.Tcp);
    }

    private static void Http(ErrorList errors, string path, HttpSettings? http)
    {
        if (http is null)
            return;
        NonNegative(errors, path, "http1MaxPendingRequests", http.Http1MaxPendingRequests, "http1 max pending requests");
        NonNegative(errors, path, "http2MaxRequests", http.Http2MaxRequests, "http2 max requests");
        NonNegative(errors, path, "maxRequestsPerConnection", http.MaxRequestsPerConnection, "max requests per connection");
        NonNegative(errors, path, "maxRetries", http.MaxRetries, "max retries");
        NonNegative(errors, path, "maxConcurrentStreams", http.MaxConcurrentStreams, "max concurrent streams");
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "idleTimeout"), http.IdleTimeout));
        // Keeping the client's protocol contradicts upgrading every connection to HTTP/2.
        if (http.H2UpgradePolicy == H2UpgradePolicy.Upgrade && http.UseClientProtocol == true)
            errors.Invalid(FieldPath.Child(path, "useClientProtocol"), true, "use client protocol must not be true when H2UpgradePolicy is UPGRADE");
        if (http.Http2KeepAlive is { } ka)
        {
            errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "http2KeepAlive.interval"), ka.Interval));
            errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "http2KeepAlive.timeout"), ka.Timeout));
        }
    }

    private static void Tcp(ErrorList errors, string path, TcpSettings? tcp)
    {
        if (tcp is null)
            return;
        NonNegative(errors, path, "maxConnections", tcp.MaxConnections, "max connections");
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "connectTimeout"), tcp.ConnectTimeout));
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "maxConnectionDuration"), tcp.MaxConnectionDuration));
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "idleTimeout"), tcp.IdleTimeout));
        if (tcp.TcpKeepalive is { } ka)
        {
            errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "tcpKeepalive.time"), ka.Time));
            errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "tcpKeepalive.interval"), ka.Interval));
        }
    }

    private static void NonNegative(ErrorList errors, string path, string field, int? value, string what)
    {
        if (value is < 0)
            errors.Invalid(FieldPath.Child(path, field), value, $"{what} must be non-negative");
    }
}
