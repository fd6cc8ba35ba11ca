using Weft.Proxy.Forwarding;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Istio fault injection: delays a share of requests (flag DI), aborts a share with a status
/// (flag FI, body <c>fault filter abort</c>; gRPC aborts are trailers-only responses).
/// </summary>
public sealed class FaultStage(IProxyStage next, TimeProvider time) : IProxyStage
{
    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        var fault = ctx.Route!.Fault;
        if (fault is null)
            return next.InvokeAsync(ctx);
        if (fault.Delay is { } d && Hit(d.Percent))
            return DelayThenAsync(ctx, d.FixedDelay);
        return AbortOrNext(ctx);
    }

    private async ValueTask DelayThenAsync(ProxyContext ctx, TimeSpan delay)
    {
        ctx.Flags |= ResponseFlags.DelayInjected;
        try
        {
            await Task.Delay(delay, time, ctx.Aborted);
        }
        catch (OperationCanceledException)
        {
            ctx.Flags |= ResponseFlags.DownstreamConnectionTermination;
            return;
        }
        await AbortOrNext(ctx);
    }

    private ValueTask AbortOrNext(ProxyContext ctx)
    {
        if (ctx.Route!.Fault!.Abort is not { } a || !Hit(a.Percent))
            return next.InvokeAsync(ctx);
        if (a.GrpcStatus is { } grpc)
        {
            ctx.Flags |= ResponseFlags.FaultInjected;
            ctx.Details = "fault_filter_abort";
            var r = ctx.Http.Response;
            r.StatusCode = 200;
            r.ContentType = "application/grpc";
            r.Headers.Server = ctx.Chain.Http?.ServerName ?? "weft";
            r.Headers["grpc-status"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture);
            r.Headers["grpc-message"] = LocalReplies.FaultAbort;
            return ValueTask.CompletedTask;
        }
        return LocalReply.WriteAsync(ctx, a.HttpStatus!.Value, LocalReplies.FaultAbort, ResponseFlags.FaultInjected, "fault_filter_abort");
    }

    // Percent with fractions (0.1 = one request in a thousand), as Istio's Percent type.
    private static bool Hit(double percent) => percent >= 100 || Random.Shared.NextDouble() * 100 < percent;
}
