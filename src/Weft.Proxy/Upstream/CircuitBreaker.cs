using Weft.Discovery.Clusters;

namespace Weft.Proxy.Upstream;

/// <summary>
/// Envoy's circuit breakers for one cluster. HTTP/1 requests beyond maxConnections wait as
/// pending, up to maxPendingRequests; requests in flight are capped by maxRequests; retries in
/// flight by maxRetries. Overflow is refused at once (503 UO, <c>x-envoy-overloaded</c>), never queued.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly long _requestLimit;
    private readonly long _retryLimit;
    private long _active;
    private long _retries;

    public CircuitBreaker(Cluster cluster)
    {
        var p = cluster.ConnectionPool;
        long limit = p.MaxRequests ?? long.MaxValue;
        if (cluster.Protocol != UpstreamProtocol.Http2 && p.MaxConnections is { } conns)
            limit = Math.Min(limit, p.MaxPendingRequests is { } pending ? (long)conns + pending : long.MaxValue);
        _requestLimit = limit;
        _retryLimit = p.MaxRetries ?? long.MaxValue;
    }

    public long ActiveRequests => Interlocked.Read(ref _active);

    public bool TryAcquireRequest()
    {
        if (Interlocked.Increment(ref _active) <= _requestLimit)
            return true;
        Interlocked.Decrement(ref _active);
        return false;
    }

    public void ReleaseRequest() => Interlocked.Decrement(ref _active);

    public bool TryAcquireRetry()
    {
        if (Interlocked.Increment(ref _retries) <= _retryLimit)
            return true;
        Interlocked.Decrement(ref _retries);
        return false;
    }

    public void ReleaseRetry() => Interlocked.Decrement(ref _retries);
}
