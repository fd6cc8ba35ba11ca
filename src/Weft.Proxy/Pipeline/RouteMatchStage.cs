using Microsoft.Extensions.Primitives;
using Weft.Proxy.Forwarding;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// The connection manager's part, then routing: request id, x-forwarded-*, virtual host by
/// authority, first matching route, and the weighted destination. No route: 404, flag NR.
/// </summary>
public sealed class RouteMatchStage(IProxyStage next) : IProxyStage
{
    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        var request = ctx.Http.Request;
        var headers = request.Headers;
        var http = ctx.Chain.Http!;
        ctx.OriginalAuthority = request.Host.Value ?? "";

        if (!headers.TryGetValue("x-request-id", out var rid) || StringValues.IsNullOrEmpty(rid))
        {
            if (http.GenerateRequestId)
            {
                ctx.RequestId = Guid.NewGuid().ToString();
                headers["x-request-id"] = ctx.RequestId;
            }
        }
        else
        {
            ctx.RequestId = rid.ToString();
        }
        if (headers.TryGetValue("x-forwarded-proto", out var xfp) && !http.UseRemoteAddress && !StringValues.IsNullOrEmpty(xfp))
            ctx.Scheme = xfp.ToString();
        else
            headers["x-forwarded-proto"] = ctx.Scheme;
        if (http.UseRemoteAddress && ctx.Http.Connection.RemoteIpAddress is { } remote)
        {
            var ip = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4().ToString() : remote.ToString();
            headers["x-forwarded-for"] = headers.TryGetValue("x-forwarded-for", out var xff) && !StringValues.IsNullOrEmpty(xff) ? $"{xff}, {ip}" : ip;
        }

        var table = ctx.Chain.RouteTable!;
        var vh = table.FindVirtualHost(ctx.OriginalAuthority);
        var route = vh?.Match(request, ctx.Scheme);
        if (route is null)
            return LocalReply.WriteAsync(ctx, 404, "", ResponseFlags.NoRouteFound, "route_not_found");
        ctx.VirtualHost = vh;
        ctx.Route = route;
        if (route.Destinations.Length > 0)
            ctx.Destination = route.PickDestination();
        return next.InvokeAsync(ctx);
    }
}
