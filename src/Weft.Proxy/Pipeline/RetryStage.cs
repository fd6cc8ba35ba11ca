using Weft.Proxy.Forwarding;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Envoy's router retries: after an attempt whose result the policy names (status, reset,
/// connect failure, gRPC status), waits a fully jittered exponential back-off and tries again,
/// on another endpoint when possible, while attempts and the cluster's maxRetries allow.
/// </summary>
public sealed class RetryStage(IProxyStage next, TimeProvider time) : IProxyStage
{
    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        if (ctx.Route!.Retry is null)
            return next.InvokeAsync(ctx);
        return WithRetriesAsync(ctx);
    }

    // Pooled: the state machine of a request that awaits is reused instead of allocated (see bench/RESULTS.md).
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WithRetriesAsync(ProxyContext ctx)
    {
        var policy = ctx.Route!.Retry!;
        var cluster = ctx.Cluster!;
        var retried = false;
        while (true)
        {
            await next.InvokeAsync(ctx);
            if (!ShouldRetry(ctx, policy))
            {
                if (retried && ctx.UpstreamResponse is { } ok && (int)ok.StatusCode < 500)
                    Interlocked.Increment(ref cluster.Stats.UpstreamRqRetrySuccess);
                return;
            }
            if (ctx.Attempt >= policy.Attempts || !ctx.CanRetry)
            {
                ctx.Flags |= ResponseFlags.UpstreamRetryLimitExceeded;
                Interlocked.Increment(ref cluster.Stats.UpstreamRqRetryLimitExceeded);
                return;
            }
            if (!cluster.Breaker.TryAcquireRetry())
            {
                ctx.Flags |= ResponseFlags.UpstreamRetryLimitExceeded;
                Interlocked.Increment(ref cluster.Stats.UpstreamRqRetryOverflow);
                return;
            }
            try
            {
                Interlocked.Increment(ref cluster.Stats.UpstreamRqRetry);
                if (ctx.Endpoint is { } ep && policy.RetryOtherHosts)
                    ctx.RememberTried(ep);
                ctx.ReleaseAttempt();
                ctx.Failure = UpstreamFailure.None;
                ctx.Attempt++;
                retried = true;
                await Task.Delay(Backoff(policy, ctx.Attempt), time, ctx.RequestToken);
            }
            finally
            {
                cluster.Breaker.ReleaseRetry();
            }
        }
    }

    private static bool ShouldRetry(ProxyContext ctx, Routing.CompiledRetryPolicy policy)
    {
        if (ctx.UpstreamResponse is { } r)
        {
            var grpc = -1;
            if (r.Headers.TryGetValues("grpc-status", out var values))
                foreach (var v in values)
                    _ = int.TryParse(v, out grpc);
            return policy.IsRetriableStatus((int)r.StatusCode, grpc);
        }
        return policy.IsRetriableFailure(ctx.Failure);
    }

    // Envoy: random in [0, base * (2^n - 1)], capped at max.
    private static TimeSpan Backoff(Routing.CompiledRetryPolicy p, int attempt)
    {
        var ceiling = p.BackoffBase.TotalMilliseconds * ((1L << Math.Min(attempt, 20)) - 1);
        ceiling = Math.Min(ceiling, p.BackoffMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
