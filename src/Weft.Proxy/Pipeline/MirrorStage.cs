using Weft.Proxy.Forwarding;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Istio mirroring: for each mirror whose percentage hits, a copy of the request goes to the
/// mirror cluster with <c>-shadow</c> appended to the host (before any port), fire and forget;
/// its response is read and dropped and never reaches the client.
/// </summary>
public sealed partial class MirrorStage(IProxyStage next, ILogger<MirrorStage> log) : IProxyStage
{
    /// <summary>A shadow that takes longer than this is abandoned: it must never hold resources for long.</summary>
    private static readonly TimeSpan ShadowTimeout = TimeSpan.FromSeconds(10);

    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        foreach (var (cluster, percent) in ctx.Route!.Mirrors)
        {
            if (percent < 100 && Random.Shared.NextDouble() * 100 >= percent)
                continue;
            var ep = cluster.LoadBalancer.Pick(cluster.Endpoints, null, default, cluster.IsPanic);
            if (ep is null)
                continue;
            HttpRequestMessage shadow;
            var saved = ctx.Destination;
            try
            {
                // Build with the mirror cluster's protocol and a body copy (the original buffer is pooled).
                ctx.Destination = new Routing.CompiledDestination(cluster, 1, Routing.CompiledHeaderOps.Empty, Routing.CompiledHeaderOps.Empty);
                var body = ctx.BufferedBody;
                ctx.BufferedBody = body is null ? null : body.AsSpan(0, ctx.BufferedBodyLength).ToArray();
                shadow = HttpForwarder.CreateRequest(ctx, ep, ShadowHost(ctx.UpstreamAuthority));
                ctx.BufferedBody = body;
                if (body is null && shadow.Content is StreamingRequestContent)
                {
                    // The client's body is streamed to the main upstream; the shadow goes without it.
                    shadow.Content = null;
                    ctx.CanRetry = true;
                }
            }
            finally
            {
                ctx.Destination = saved;
            }
            _ = SendAsync(cluster, ep, shadow);
        }
        return next.InvokeAsync(ctx);
    }

    /// <summary><c>reviews:9080</c> becomes <c>reviews-shadow:9080</c>, as Envoy names shadows.</summary>
    public static string ShadowHost(string authority)
    {
        var colon = authority.LastIndexOf(':');
        var closeBracket = authority.LastIndexOf(']');
        return colon > 0 && colon > closeBracket ? $"{authority[..colon]}-shadow{authority[colon..]}" : authority + "-shadow";
    }

    private async Task SendAsync(ClusterRuntime cluster, EndpointState ep, HttpRequestMessage shadow)
    {
        using var cts = new CancellationTokenSource(ShadowTimeout);
        try
        {
            ep.RequestStarted();
            using var response = await cluster.Invoker.SendAsync(shadow, cts.Token);
            cluster.Stats.RecordStatus((int)response.StatusCode);
            Interlocked.Increment(ref cluster.Stats.UpstreamRqTotal);
            // Drain and drop: the shadow's answer never matters.
            await response.Content.CopyToAsync(Stream.Null, cts.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            LogShadowFailed(log, cluster.Name, e.Message);
        }
        finally
        {
            ep.RequestFinished();
            shadow.Dispose();
        }
    }

    [LoggerMessage(3201, LogLevel.Debug, "Shadow request to {Cluster} failed (ignored): {Reason}")]
    private static partial void LogShadowFailed(ILogger log, string cluster, string reason);
}
