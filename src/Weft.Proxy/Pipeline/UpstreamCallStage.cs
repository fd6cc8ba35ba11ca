using System.Diagnostics;
using Weft.Proxy.Forwarding;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// One attempt: takes a circuit-breaker slot (overflow: 503 UO), sends the request to the
/// chosen endpoint with the per-try timeout, and records the result for retries, outlier
/// detection and stats. The response body is left for the forwarder to stream.
/// </summary>
public sealed class UpstreamCallStage(TimeProvider time) : IProxyStage
{
    // Pooled: the state machine of a request that awaits is reused instead of allocated (see bench/RESULTS.md).
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask InvokeAsync(ProxyContext ctx)
    {
        var cluster = ctx.Cluster!;
        var ep = ctx.Endpoint!;
        if (!cluster.Breaker.TryAcquireRequest())
        {
            Interlocked.Increment(ref cluster.Stats.UpstreamRqPendingOverflow);
            ctx.Failure = UpstreamFailure.Overflow;
            return;
        }
        ctx.AttemptHeld = true;
        ep.RequestStarted();
        Interlocked.Increment(ref cluster.Stats.UpstreamRqTotal);
        Interlocked.Increment(ref ep.RequestsTotal);

        var perTry = ctx.Route!.Retry?.PerTryTimeout;
        CancellationTokenSource? perTryCts = null;
        CancellationTokenRegistration linked = default;
        var token = ctx.RequestToken;
        if (perTry is { } pt)
        {
            perTryCts = new CancellationTokenSource(pt, time);
            linked = token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), perTryCts);
            token = perTryCts.Token;
        }
        var request = HttpForwarder.CreateRequest(ctx, ep);
        ctx.UpstreamStartTimestamp = time.GetTimestamp();
        try
        {
            var response = await cluster.Invoker.SendAsync(request, token);
            ctx.UpstreamServiceTimeMs = (long)time.GetElapsedTime(ctx.UpstreamStartTimestamp).TotalMilliseconds;
            ctx.UpstreamResponse = response;
            var status = (int)response.StatusCode;
            cluster.Stats.RecordStatus(status);
            if (status >= 500)
                Interlocked.Increment(ref ep.RequestsFailed);
            cluster.Outlier?.OnResult(ep, status, localFailure: false);
        }
        catch (OperationCanceledException) when (perTryCts is { IsCancellationRequested: true } && !ctx.RequestToken.IsCancellationRequested)
        {
            ctx.Failure = UpstreamFailure.PerTryTimeout;
            Interlocked.Increment(ref cluster.Stats.UpstreamRqPerTryTimeout);
            Interlocked.Increment(ref ep.RequestsFailed);
            cluster.Outlier?.OnResult(ep, 504, localFailure: true);
        }
        catch (OperationCanceledException) when (ctx.RequestToken.IsCancellationRequested)
        {
            // Route timeout or client gone: the forward stage tells which.
            ctx.Failure = UpstreamFailure.RouteTimeout;
            if (!ctx.Aborted.IsCancellationRequested)
                cluster.Outlier?.OnResult(ep, 504, localFailure: true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            ctx.Failure = HttpForwarder.Classify(e, out var detail);
            ctx.FailureDetail = detail;
            if (ctx.Failure == UpstreamFailure.ConnectFailure)
                Interlocked.Increment(ref cluster.Stats.UpstreamCxConnectFail);
            Interlocked.Increment(ref ep.RequestsFailed);
            cluster.Outlier?.OnResult(ep, 503, localFailure: true);
        }
        finally
        {
            await linked.DisposeAsync();
            perTryCts?.Dispose();
            if (ctx.UpstreamResponse is null)
                request.Dispose();
            Debug.Assert(ctx.AttemptHeld);
        }
    }
}
