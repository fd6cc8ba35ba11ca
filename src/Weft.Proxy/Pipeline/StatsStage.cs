using System.Globalization;
using Weft.Proxy.Forwarding;
using Weft.Proxy.Telemetry;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Outermost stage: counts the request, and when it is over reports it to the stats hook and
/// the access log. Anything a stage throws by mistake ends here as a reset, logged once.
/// </summary>
public sealed partial class StatsStage(IProxyStage next, IStatsHook hook, AccessLog accessLog, ProxyCounters counters, TimeProvider time, ILogger<StatsStage> log) : IProxyStage
{
    // Pooled: the state machine of a request that awaits is reused instead of allocated (see bench/RESULTS.md).
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask InvokeAsync(ProxyContext ctx)
    {
        Interlocked.Increment(ref counters.DownstreamRqTotal);
        Interlocked.Increment(ref counters.DownstreamRqActive);
        var peer = hook.OnHttpStarting(ctx);
        try
        {
            await next.InvokeAsync(ctx);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ctx.Aborted.IsCancellationRequested)
        {
            LogStageFailed(log, ctx.Route?.Name ?? "-", e);
            ctx.Flags |= ResponseFlags.LocalReset;
            ctx.Http.Abort();
        }
        catch (OperationCanceledException)
        {
            ctx.Flags |= ResponseFlags.DownstreamConnectionTermination;
        }
        finally
        {
            Interlocked.Decrement(ref counters.DownstreamRqActive);
            var duration = time.GetElapsedTime(ctx.StartTimestamp);
            var status = (ctx.Flags & ResponseFlags.DownstreamConnectionTermination) != 0 && !ctx.Http.Response.HasStarted ? 0 : ctx.Http.Response.StatusCode;
            counters.RecordStatus(status);
            hook.OnHttpCompleted(ctx, status, duration, peer);
            if (accessLog.Enabled && accessLog.Accepts(status))
                accessLog.Write(Entry(ctx, status, duration));
        }
    }

    private static AccessLogEntry Entry(ProxyContext ctx, int status, TimeSpan duration)
    {
        var request = ctx.Http.Request;
        var conn = ctx.Http.Connection;
        return new AccessLogEntry
        {
            StartTime = ctx.StartTime,
            Method = request.Method,
            Path = request.Path.ToUriComponent() + request.QueryString.Value,
            Protocol = request.Protocol,
            ResponseCode = status,
            ResponseFlags = ResponseFlagsText.Format(ctx.Flags),
            ResponseCodeDetails = ctx.Details,
            BytesReceived = ctx.BytesReceived,
            BytesSent = ctx.BytesSent,
            DurationMs = (long)duration.TotalMilliseconds,
            UpstreamServiceTime = ctx.UpstreamServiceTimeMs >= 0 ? ctx.UpstreamServiceTimeMs.ToString(CultureInfo.InvariantCulture) : "-",
            XForwardedFor = Header(request, "x-forwarded-for"),
            UserAgent = Header(request, "user-agent"),
            RequestId = ctx.RequestId.Length > 0 ? ctx.RequestId : "-",
            Authority = ctx.OriginalAuthority.Length > 0 ? ctx.OriginalAuthority : "-",
            UpstreamHost = ctx.Endpoint?.Authority ?? "-",
            UpstreamCluster = ctx.Cluster?.Name ?? "-",
            DownstreamLocalAddress = conn.LocalIpAddress is { } l ? $"{l}:{conn.LocalPort}" : "-",
            DownstreamRemoteAddress = conn.RemoteIpAddress is { } r ? $"{r}:{conn.RemotePort}" : "-",
            RouteName = ctx.Route?.Name ?? "-",
        };
    }

    private static string Header(HttpRequest r, string name)
        => r.Headers.TryGetValue(name, out var v) && v.Count > 0 ? v.ToString() : "-";

    [LoggerMessage(3001, LogLevel.Error, "A pipeline stage failed on route {Route}; the client's stream was reset")]
    private static partial void LogStageFailed(ILogger log, string route, Exception e);
}
