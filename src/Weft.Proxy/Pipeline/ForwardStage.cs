using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Weft.Proxy.Forwarding;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Frames the upstream exchange: starts the route timeout (retries included, body included),
/// reads a small request body into memory when retries or mirrors must replay it, runs the
/// attempts, then copies the upstream response to the client, or answers with Envoy's local
/// reply for the failure (503 UH/UF/UO, 504 UT).
/// </summary>
public sealed class ForwardStage(IProxyStage next, TimeProvider time) : IProxyStage
{
    /// <summary>Largest body kept for replay; bigger (or unknown-length) bodies stream and are not retried, as Envoy past its buffer limit.</summary>
    public const int ReplayBufferLimit = 64 * 1024;

    // Pooled: the state machine of a request that awaits is reused instead of allocated (see bench/RESULTS.md).
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask InvokeAsync(ProxyContext ctx)
    {
        var route = ctx.Route!;
        CancellationTokenSource? timeout = null;
        CancellationTokenRegistration aborted = default;
        if (route.Timeout is { } t)
        {
            // The route timeout runs on the TimeProvider; the client going away cancels it too.
            timeout = new CancellationTokenSource(t, time);
            aborted = ctx.Aborted.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
            ctx.RequestToken = timeout.Token;
        }
        try
        {
            if ((route.Retry is not null || route.Mirrors.Length > 0) && !await TryBufferBodyAsync(ctx))
                return;
            try
            {
                await next.InvokeAsync(ctx);
            }
            catch (OperationCanceledException) when (ctx.UpstreamResponse is null)
            {
                ctx.Failure = UpstreamFailure.RouteTimeout;
            }
            if (timeout is not null && timeout.IsCancellationRequested && !ctx.Aborted.IsCancellationRequested)
                ctx.RouteTimeoutFired = true;
            if (ctx.Aborted.IsCancellationRequested)
            {
                ctx.Flags |= ResponseFlags.DownstreamConnectionTermination;
                ctx.Details = "downstream_remote_disconnect";
                return;
            }
            if (ctx.UpstreamResponse is { } response)
            {
                await HttpForwarder.CopyResponseAsync(ctx, response);
                if (timeout is not null && timeout.IsCancellationRequested && !ctx.Aborted.IsCancellationRequested)
                    ctx.RouteTimeoutFired = true;
            }
            else
            {
                if (ctx.RouteTimeoutFired)
                {
                    ctx.Failure = UpstreamFailure.RouteTimeout;
                    if (ctx.Cluster is { } c)
                        Interlocked.Increment(ref c.Stats.UpstreamRqTimeout);
                }
                await LocalReply.ForFailureAsync(ctx);
            }
        }
        catch (OperationCanceledException) when (ctx.Aborted.IsCancellationRequested)
        {
            ctx.Flags |= ResponseFlags.DownstreamConnectionTermination;
        }
        finally
        {
            ctx.ReleaseAttempt();
            await aborted.DisposeAsync();
            timeout?.Dispose();
            if (ctx.BufferedBody is { } b)
                ArrayPool<byte>.Shared.Return(b);
        }
    }

    private static async ValueTask<bool> TryBufferBodyAsync(ProxyContext ctx)
    {
        var http = ctx.Http;
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
            return true;
        var length = http.Request.ContentLength;
        if (length is not { } len || len > ReplayBufferLimit)
            return true;   // streams; the forwarder marks it non-retriable once sent
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, len));
        var read = 0;
        try
        {
            while (read < len)
            {
                var n = await http.Request.Body.ReadAsync(buffer.AsMemory(read, (int)len - read), ctx.Aborted);
                if (n == 0)
                    break;
                read += n;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ctx.Flags |= ResponseFlags.DownstreamConnectionTermination;
            return false;
        }
        ctx.BufferedBody = buffer;
        ctx.BufferedBodyLength = read;
        ctx.BytesReceived += read;
        return true;
    }
}
