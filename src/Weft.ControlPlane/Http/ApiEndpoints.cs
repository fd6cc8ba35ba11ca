using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Weft.Api.Kinds;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.Http;

/// <summary>
/// The REST API's routes. Each endpoint is listed here with what it does:
/// <list type="bullet">
/// <item><c>GET /healthz</c>, <c>GET /readyz</c>: probes, the only paths open without the token.</item>
/// <item><c>GET /version</c>: weftd's version.</item>
/// <item><c>GET /apis/weft.io/v1/kinds</c>: the kind registry, so clients can resolve names and paths.</item>
/// <item><c>POST /apis/weft.io/v1/apply[?dryRun=All]</c>: the atomic batch apply of `weft apply`.</item>
/// <item><c>/api/v1/...</c>, <c>/apis/GROUP/VERSION/...</c>: Kubernetes resource paths (<see cref="ResourceHandler"/>).</item>
/// </list>
/// Every failure is a Kubernetes Status object.
/// </summary>
internal static partial class ApiEndpoints
{
    public static void Map(WebApplication app, ResourceService resources, ResourceHandler handler, TokenAuthentication auth, ILogger log)
    {
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx);
            }
            catch (ApiException ex) when (!ctx.Response.HasStarted)
            {
                await HttpJson.WriteStatusAsync(ctx, ex.Status);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                // The client went away; there is no one to answer.
            }
            catch (Exception ex) when (!ctx.Response.HasStarted && ex is not OperationCanceledException)
            {
                LogFailed(log, ctx.Request.Method, ctx.Request.Path.Value ?? "", ex);
                await HttpJson.WriteStatusAsync(ctx, ApiStatus.InternalError($"weftd failed to serve {ctx.Request.Method} {ctx.Request.Path}: {ex.Message}"));
            }
        });
        app.Use(auth.InvokeAsync);

        app.MapMethods("/healthz", ["GET", "HEAD"], (RequestDelegate)(ctx => PlainAsync(ctx, 200, "ok")));
        app.MapMethods("/readyz", ["GET", "HEAD"], (RequestDelegate)(async ctx =>
        {
            try
            {
                await resources.Store.StatusAsync(ctx.RequestAborted);
                await PlainAsync(ctx, 200, "ok");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await PlainAsync(ctx, 503, "store unavailable: " + ex.Message);
            }
        }));
        app.MapGet("/version", (RequestDelegate)(ctx => HttpJson.WriteAsync(ctx, 200, Version())));
        app.MapGet("/apis/weft.io/v1/kinds", (RequestDelegate)(ctx => HttpJson.WriteAsync(ctx, 200, Kinds(resources.Registry))));
        app.MapPost("/apis/weft.io/v1/apply", (RequestDelegate)(async ctx =>
        {
            var dryRun = ctx.Request.Query["dryRun"].ToString();
            if (dryRun.Length > 0 && dryRun != "All")
                throw new ApiException(ApiStatus.BadRequest($"dryRun \"{dryRun}\" is not supported; the only value is All"));
            var body = await HttpJson.ReadAsync(ctx.Request, ctx.RequestAborted);
            var result = await resources.ApplyAsync(body, dryRun == "All", ctx.RequestAborted);
            await HttpJson.WriteAsync(ctx, 200, result.ToJson());
        }));
        app.MapMethods("/apis/weft.io/v1/apply", ["GET", "PUT", "DELETE", "PATCH"], (RequestDelegate)(ctx =>
        {
            ctx.Response.Headers.Allow = "POST";
            throw new ApiException(ApiStatus.MethodNotAllowed($"{ctx.Request.Method} is not allowed on the batch apply; POST a List to it"));
        }));
        app.Map("/api/{**rest}", handler.HandleAsync);
        app.Map("/apis/{**rest}", handler.HandleAsync);
        app.MapFallback("{**path}", (RequestDelegate)(ctx =>
            throw new ApiException(ApiStatus.NotFound($"the server could not find the requested resource ({ctx.Request.Method} {ctx.Request.Path})"))));
    }

    private static async Task PlainAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        if (!HttpMethods.IsHead(ctx.Request.Method))
            await ctx.Response.WriteAsync(text, ctx.RequestAborted);
    }

    private static JsonObject Version()
    {
        var assembly = typeof(ApiEndpoints).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        var parts = version.Split('.');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.Length > 1 ? parts[1] : "0",
            ["gitVersion"] = "v" + version,
            ["gitCommit"] = plus < 0 ? "" : informational[(plus + 1)..],
            ["platform"] = $"{RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant()}/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["store"] = "sqlite",
        };
    }

    private static JsonObject Kinds(KindRegistry registry)
    {
        var items = new JsonArray();
        foreach (var k in registry.All)
        {
            items.Add(new JsonObject
            {
                ["group"] = k.Group,
                ["kind"] = k.Kind,
                ["plural"] = k.Plural,
                ["versions"] = new JsonArray(k.Versions.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                ["shortNames"] = new JsonArray(k.ShortNames.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                ["namespaced"] = k.Namespaced,
                ["support"] = k.Support.ToString(),
            });
        }
        return new JsonObject { ["apiVersion"] = "weft.io/v1", ["kind"] = "KindList", ["items"] = items };
    }

    [LoggerMessage(1402, LogLevel.Error, "Failed to serve {Method} {Path}")]
    private static partial void LogFailed(ILogger log, string method, string path, Exception ex);
}
