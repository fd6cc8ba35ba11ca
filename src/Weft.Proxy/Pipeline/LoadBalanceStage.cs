using Microsoft.Extensions.Primitives;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Proxy.Forwarding;
using Weft.Proxy.Upstream;
using Weft.Proxy.Upstream.LoadBalancing;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Picks the endpoint for this attempt by the cluster's policy (hash key computed once per
/// request), avoiding endpoints already tried. Nothing usable: 503 <c>no healthy upstream</c>.
/// </summary>
public sealed class LoadBalanceStage(IProxyStage next) : IProxyStage
{
    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        var cluster = ctx.Cluster!;
        switch (cluster.Config.Type)
        {
            case ClusterType.BlackHole:
                ctx.Failure = UpstreamFailure.BlackHole;
                return ValueTask.CompletedTask;
            case ClusterType.OriginalDestination:
                ctx.Endpoint = OriginalDestination(ctx);
                return next.InvokeAsync(ctx);
        }
        if (ctx.Attempt == 0 && cluster.Config.LoadBalancer.ConsistentHash is { } hash
            && cluster.Config.LoadBalancer.Policy is LoadBalancerPolicy.RingHash or LoadBalancerPolicy.Maglev)
            ctx.HashKey = HashKey(ctx, hash);
        var ep = cluster.LoadBalancer.Pick(cluster.Endpoints, ctx.HashKey, ctx.TriedSpan, cluster.IsPanic);
        if (ep is null)
        {
            ctx.Failure = UpstreamFailure.NoHealthyUpstream;
            return ValueTask.CompletedTask;
        }
        ctx.Endpoint = ep;
        return next.InvokeAsync(ctx);
    }

    private static EndpointState OriginalDestination(ProxyContext ctx)
    {
        var host = ctx.Http.Request.Host;
        return new EndpointState(new LbEndpoint { Address = host.Host, Port = host.Port ?? 80 });
    }

    private static ulong? HashKey(ProxyContext ctx, ConsistentHashSettings h)
    {
        var request = ctx.Http.Request;
        if (h.HttpHeaderName is { } header)
            return request.Headers.TryGetValue(header, out var v) && !StringValues.IsNullOrEmpty(v) ? Hashing.Hash(v.ToString()) : null;
        if (h.HttpQueryParameterName is { } q)
            return request.Query.TryGetValue(q, out var v) && !StringValues.IsNullOrEmpty(v) ? Hashing.Hash(v.ToString()) : null;
        if (h.UseSourceIp)
            return ctx.Http.Connection.RemoteIpAddress is { } ip ? Hashing.Hash(ip.ToString()) : null;
        if (h.HttpCookie is { } cookie)
        {
            if (request.Cookies.TryGetValue(cookie.Name, out var value) && !string.IsNullOrEmpty(value))
                return Hashing.Hash(value);
            if (cookie.Ttl is not { } ttl)
                return null;
            // Envoy generates the cookie when it is missing and a TTL is set, so the client sticks from now on.
            var generated = Guid.NewGuid().ToString("N")[..16];
            ctx.SetCookie = $"{cookie.Name}={generated}; Max-Age={(long)ttl.TotalSeconds}" + (cookie.Path is { } p ? $"; Path={p}" : "") + "; HttpOnly";
            return Hashing.Hash(generated);
        }
        return null;
    }
}
