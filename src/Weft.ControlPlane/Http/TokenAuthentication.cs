using Weft.ControlPlane.Hosting;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.Http;

/// <summary>
/// Every request but the health probes must carry <c>Authorization: Bearer TOKEN</c> with the token
/// from the data directory; anything else is refused with a 401 Status before it reaches a handler.
/// </summary>
internal sealed partial class TokenAuthentication(ApiToken token, ILogger log)
{
    public static readonly string[] OpenPaths = ["/healthz", "/readyz", "/v1/traces"];

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var path = ctx.Request.Path.Value ?? "";
        if (Array.IndexOf(OpenPaths, path) >= 0)
        {
            await next(ctx);
            return;
        }
        var header = ctx.Request.Headers.Authorization.ToString();
        string? presented = null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            presented = header["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(presented))
        {
            LogRefused(log, ctx.Request.Method, path, "no bearer token");
            await HttpJson.WriteStatusAsync(ctx, ApiStatus.Unauthorized(
                "Unauthorized: this request needs a bearer token (Authorization: Bearer TOKEN); the token is in the file \"token\" of weftd's data directory"));
            return;
        }
        if (!token.Matches(presented))
        {
            LogRefused(log, ctx.Request.Method, path, "a wrong bearer token");
            await HttpJson.WriteStatusAsync(ctx, ApiStatus.Unauthorized(
                "Unauthorized: the bearer token is not valid for this weftd (each data directory has its own token)"));
            return;
        }
        await next(ctx);
    }

    [LoggerMessage(1401, LogLevel.Information, "Refused {Method} {Path} with 401: {Reason}")]
    private static partial void LogRefused(ILogger log, string method, string path, string reason);
}
