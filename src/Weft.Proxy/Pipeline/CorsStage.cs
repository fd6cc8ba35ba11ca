namespace Weft.Proxy.Pipeline;

/// <summary>
/// Envoy's CORS filter for routes with a policy: answers preflights for allowed origins itself,
/// and marks actual requests so the forwarder adds the access-control headers to the response.
/// Preflights from origins the policy does not allow go upstream unchanged.
/// </summary>
public sealed class CorsStage(IProxyStage next) : IProxyStage
{
    public ValueTask InvokeAsync(ProxyContext ctx)
    {
        var cors = ctx.Route!.Cors;
        var request = ctx.Http.Request;
        if (cors is null || !request.Headers.TryGetValue("origin", out var originValues))
            return next.InvokeAsync(ctx);
        var origin = originValues.ToString();
        if (!cors.IsOriginAllowed(origin))
            return next.InvokeAsync(ctx);
        ctx.CorsOrigin = origin;
        if (!HttpMethodsEqual(request.Method, "OPTIONS") || !request.Headers.ContainsKey("access-control-request-method"))
            return next.InvokeAsync(ctx);

        var r = ctx.Http.Response;
        r.StatusCode = 200;
        r.Headers.Server = ctx.Chain.Http?.ServerName ?? "weft";
        r.Headers["access-control-allow-origin"] = origin;
        if (cors.AllowMethods is { } m)
            r.Headers["access-control-allow-methods"] = m;
        if (cors.AllowHeaders is { } h)
            r.Headers["access-control-allow-headers"] = h;
        if (cors.MaxAge is { } age)
            r.Headers["access-control-max-age"] = age;
        if (cors.AllowCredentials)
            r.Headers["access-control-allow-credentials"] = "true";
        r.ContentLength = 0;
        ctx.Details = "cors_response";
        return ValueTask.CompletedTask;
    }

    private static bool HttpMethodsEqual(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
