using System.Globalization;
using Weft.Discovery.Routes;

namespace Weft.Proxy.Pipeline;

/// <summary>Routes that answer without an upstream: Istio redirect and directResponse.</summary>
public sealed class DirectResponseStage(IProxyStage next) : IProxyStage
{
    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        var route = ctx.Route!;
        if (route.Redirect is { } redirect)
            return RedirectAsync(ctx, redirect);
        if (route.DirectResponse is { } direct)
            return DirectAsync(ctx, direct, route.DirectResponseBody);
        return next.InvokeAsync(ctx);
    }

    private static ValueTask RedirectAsync(ProxyContext ctx, RedirectAction rd)
    {
        var request = ctx.Http.Request;
        var scheme = rd.Scheme ?? ctx.Scheme;
        var host = rd.Host ?? request.Host.Host;
        var port = rd.Port is { } p ? p : (rd.Host is null ? request.Host.Port : null);
        var isDefaultPort = port is null || (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
        var authority = isDefaultPort ? host : $"{host}:{port!.Value.ToString(CultureInfo.InvariantCulture)}";
        var path = request.Path.Value ?? "/";
        if (rd.Path is { } full)
            path = full;
        else if (rd.PrefixRewrite is { } prefix)
        {
            var matched = ctx.Route!.Match.Path?.PrefixLength ?? 0;
            path = prefix + path[Math.Clamp(matched, 0, path.Length)..];
        }
        var query = rd.StripQuery ? "" : request.QueryString.Value;
        var r = ctx.Http.Response;
        r.StatusCode = rd.ResponseCode;
        r.Headers.Location = $"{scheme}://{authority}{path}{query}";
        r.Headers.Server = ctx.Chain.Http?.ServerName ?? "weft";
        ctx.Route!.ResponseOps.Apply(r.Headers);
        r.ContentLength = 0;
        ctx.Details = "direct_response";
        return ValueTask.CompletedTask;
    }

    private static async ValueTask DirectAsync(ProxyContext ctx, DirectResponseAction d, byte[]? body)
    {
        var r = ctx.Http.Response;
        r.StatusCode = d.Status;
        r.Headers.Server = ctx.Chain.Http?.ServerName ?? "weft";
        if (body is not null)
            r.ContentType = "text/plain";
        ctx.Route!.ResponseOps.Apply(r.Headers);
        ctx.Details = "direct_response";
        r.ContentLength = body?.Length ?? 0;
        if (body is { Length: > 0 })
        {
            ctx.BytesSent += body.Length;
            await r.Body.WriteAsync(body, ctx.Aborted);
        }
    }
}
