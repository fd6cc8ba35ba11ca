using System.Text;
using Weft.Proxy.Pipeline;

namespace Weft.Proxy.Forwarding;

/// <summary>Answers a request from the proxy itself, the way Envoy's local replies look.</summary>
public static class LocalReply
{
    public static async ValueTask WriteAsync(ProxyContext ctx, int status, string body, ResponseFlags flags, string details, bool overloaded = false)
    {
        ctx.Flags |= flags;
        ctx.Details = details;
        var r = ctx.Http.Response;
        if (r.HasStarted)
        {
            // Too late for a status: reset the stream, as Envoy does after headers went out.
            ctx.Http.Abort();
            return;
        }
        r.StatusCode = status;
        r.Headers.Server = ctx.Chain.Http?.ServerName ?? "weft";
        if (overloaded)
            r.Headers["x-envoy-overloaded"] = "true";
        if (body.Length == 0)
        {
            r.ContentLength = 0;
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(body);
        r.ContentType = "text/plain";
        r.ContentLength = bytes.Length;
        ctx.BytesSent += bytes.Length;
        try
        {
            await r.Body.WriteAsync(bytes, ctx.Aborted);
        }
        catch (OperationCanceledException)
        {
            ctx.Flags |= ResponseFlags.DownstreamConnectionTermination;
        }
    }

    /// <summary>The local reply for an attempt that got no response.</summary>
    public static ValueTask ForFailureAsync(ProxyContext ctx) => ctx.Failure switch
    {
        UpstreamFailure.Overflow => WriteAsync(ctx, 503, LocalReplies.Overflow, ResponseFlags.UpstreamOverflow, "upstream_reset_before_response_started{overflow}", overloaded: true),
        UpstreamFailure.NoHealthyUpstream => WriteAsync(ctx, 503, LocalReplies.NoHealthyUpstream, ResponseFlags.NoHealthyUpstream, "no_healthy_upstream"),
        UpstreamFailure.ConnectFailure => WriteAsync(ctx, 503, LocalReplies.ConnectionFailure, ResponseFlags.UpstreamConnectionFailure, "upstream_reset_before_response_started{connection_failure}"),
        UpstreamFailure.ConnectionTermination => WriteAsync(ctx, 503, LocalReplies.ConnectionTermination, ResponseFlags.UpstreamConnectionTermination, "upstream_reset_before_response_started{connection_termination}"),
        UpstreamFailure.RefusedStream => WriteAsync(ctx, 503, LocalReplies.RemoteRefusedStreamReset, ResponseFlags.UpstreamRemoteReset, "upstream_reset_before_response_started{remote_refused_stream_reset}"),
        UpstreamFailure.RemoteReset => WriteAsync(ctx, 503, LocalReplies.RemoteReset, ResponseFlags.UpstreamRemoteReset, "upstream_reset_before_response_started{remote_reset}"),
        UpstreamFailure.PerTryTimeout or UpstreamFailure.RouteTimeout => WriteAsync(ctx, 504, LocalReplies.UpstreamTimeout, ResponseFlags.UpstreamRequestTimeout, "response_timeout"),
        // Istio's BlackHoleCluster: REGISTRY_ONLY refuses unknown destinations with 502.
        UpstreamFailure.BlackHole => WriteAsync(ctx, 502, LocalReplies.BlackHole(ctx.Http.Request.Host.Value ?? ""), ResponseFlags.NoClusterFound, "cluster_not_found"),
        _ => WriteAsync(ctx, 503, LocalReplies.ConnectionFailure, ResponseFlags.UpstreamConnectionFailure, "upstream_reset_before_response_started{connection_failure}"),
    };
}
