using Microsoft.AspNetCore.Http.Features;

namespace Weft.Proxy.Pipeline;

/// <summary>
/// Request-side header operations (destination's, then the route's), path and authority
/// rewrites. Response-side operations are applied by the forwarder when the response starts.
/// </summary>
public sealed class HeaderOpsStage(IProxyStage next) : IProxyStage
{
    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        var route = ctx.Route!;
        var request = ctx.Http.Request;
        ctx.Destination!.RequestOps.Apply(request.Headers);
        route.RequestOps.Apply(request.Headers);
        ctx.UpstreamAuthority = route.HostRewrite ?? ctx.OriginalAuthority;
        ctx.UpstreamPathAndQuery = route.HasRewrite
            ? route.RewritePath(request.Path.ToUriComponent(), request.QueryString.Value ?? "")
            : RawPathAndQuery(ctx.Http);
        return next.InvokeAsync(ctx);
    }

    /// <summary>The request target as the client wrote it (no decode/re-encode), origin-form.</summary>
    private static string RawPathAndQuery(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
            return http.Request.Path.ToUriComponent() + http.Request.QueryString.Value;
        if (raw[0] == '/')
            return raw;
        // absolute-form (an app using us as its HTTP proxy): drop scheme and authority.
        var schemeEnd = raw.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
            return http.Request.Path.ToUriComponent() + http.Request.QueryString.Value;
        var pathStart = raw.IndexOf('/', schemeEnd + 3);
        if (pathStart < 0)
        {
            var q = raw.IndexOf('?', schemeEnd + 3);
            return q < 0 ? "/" : "/" + raw[q..];
        }
        return raw[pathStart..];
    }
}
