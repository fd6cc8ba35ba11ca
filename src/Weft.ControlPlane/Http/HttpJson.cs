using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.Http;

/// <summary>Reading JSON request bodies and writing JSON responses and Status errors.</summary>
internal static class HttpJson
{
    public const string ContentType = "application/json";

    /// <exception cref="ApiException">400 when the body is empty or not JSON.</exception>
    public static async Task<JsonNode?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length == 0)
                throw new ApiException(ApiStatus.BadRequest("the request has no body; send the object as JSON"));
            return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (JsonException ex)
        {
            throw new ApiException(ApiStatus.BadRequest($"the request body is not valid JSON: {ex.Message}"));
        }
    }

    /// <exception cref="ApiException">400 when the body is not a JSON object.</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct) =>
        await ReadAsync(request, ct) as JsonObject
        ?? throw new ApiException(ApiStatus.BadRequest("the request body must be a JSON object (one Kubernetes object)"));

    public static async Task WriteAsync(HttpContext ctx, int status, JsonNode body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ContentType;
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString(StoredObjects.Json)), ctx.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext ctx, ApiStatus status)
    {
        if (status.Code == 401)
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
        return WriteAsync(ctx, status.Code, status.ToJson());
    }
}
