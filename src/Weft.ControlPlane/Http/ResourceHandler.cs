using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Weft.Api.Kinds;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Resources.Labels;

namespace Weft.ControlPlane.Http;

/// <summary>
/// The Kubernetes resource paths: GET (get, list, watch), POST (create), PUT (update, status) and
/// DELETE on <c>/api/v1/...</c> and <c>/apis/GROUP/VERSION/...</c>. Paths are resolved against the
/// kind registry; a plural it does not know is served as the plural of a kind Weft stores as written.
/// </summary>
internal sealed class ResourceHandler(ResourceService resources, WatchStreamer watches)
{
    public async Task HandleAsync(HttpContext ctx)
    {
        var ct = ctx.RequestAborted;
        var path = ApiPath.Parse(ctx.Request.Path.Value ?? "/");
        var type = ResolveType(path);
        var method = ctx.Request.Method;
        var query = ctx.Request.Query;
        if (query.ContainsKey("dryRun"))
        {
            // Ignoring it would write what the client meant only to check.
            throw new ApiException(ApiStatus.BadRequest("dryRun is only supported by the batch apply (POST /apis/weft.io/v1/apply?dryRun=All)"));
        }

        if (path.Name is null)
        {
            var ns = type.Namespaced ? path.Namespace : null;
            switch (method)
            {
                case "GET":
                    var selector = Selector(query);
                    if (IsTrue(query["watch"]))
                        await watches.StreamAsync(ctx, type, ns, selector);
                    else
                        await HttpJson.WriteAsync(ctx, 200, (await resources.ListAsync(type, ns, selector, ct)).ToJson());
                    return;
                case "POST":
                    if (ns is null && type.Namespaced && type.Info is not null)
                    {
                        throw NotAllowed(ctx, "GET", $"objects of {type.QualifiedPlural} are created in a namespace: POST {path.Prefix}/namespaces/NAMESPACE/{type.Plural}");
                    }
                    var body = await HttpJson.ReadObjectAsync(ctx.Request, ct);
                    await HttpJson.WriteAsync(ctx, 201, await resources.CreateAsync(type, ns ?? "", body, ct));
                    return;
                default:
                    throw NotAllowed(ctx, "GET, POST", $"{method} is not allowed on a collection ({type.QualifiedPlural})");
            }
        }

        var name = path.Name;
        var objectNs = path.Namespace ?? "";
        if (path.Status)
        {
            switch (method)
            {
                case "GET":
                    await HttpJson.WriteAsync(ctx, 200, await resources.GetAsync(type, objectNs, name, ct));
                    return;
                case "PUT":
                    var body = await HttpJson.ReadObjectAsync(ctx.Request, ct);
                    await HttpJson.WriteAsync(ctx, 200, await resources.UpdateStatusAsync(type, objectNs, name, body, ct));
                    return;
                default:
                    throw NotAllowed(ctx, "GET, PUT", $"{method} is not allowed on the status of {type.QualifiedPlural} \"{name}\"");
            }
        }

        switch (method)
        {
            case "GET":
                await HttpJson.WriteAsync(ctx, 200, await resources.GetAsync(type, objectNs, name, ct));
                return;
            case "PUT":
                var body = await HttpJson.ReadObjectAsync(ctx.Request, ct);
                await HttpJson.WriteAsync(ctx, 200, await resources.UpdateAsync(type, objectNs, name, body, ct));
                return;
            case "DELETE":
                var precondition = await DeletePreconditionAsync(ctx, ct);
                await HttpJson.WriteAsync(ctx, 200, await resources.DeleteAsync(type, objectNs, name, precondition, ct));
                return;
            default:
                throw NotAllowed(ctx, "GET, PUT, DELETE",
                    method == "PATCH"
                        ? $"PATCH is not supported on {type.QualifiedPlural} \"{name}\"; PUT the whole object, or apply it (POST /apis/weft.io/v1/apply)"
                        : $"{method} is not allowed on {type.QualifiedPlural} \"{name}\"");
        }
    }

    public const string WeftGroup = "weft.io";

    public static bool IsTrue(StringValues value) => value.ToString() is "true" or "1" or "True";

    /// <summary>The registry's description of the path's type, checked against the path's version and scope.</summary>
    private ResourceType ResolveType(ApiPath path)
    {
        // Weft's own group holds endpoints, not stored objects: an unmapped path there is a mistake, not an empty list.
        if (path.Group == WeftGroup)
        {
            throw new ApiException(ApiStatus.NotFound(
                $"the server could not find the requested resource: {WeftGroup} serves only GET /apis/{WeftGroup}/v1/kinds, GET /apis/{WeftGroup}/v1/analysis and POST /apis/{WeftGroup}/v1/apply"));
        }
        var info = resources.Registry.FindByPlural(path.Group, path.Plural);
        if (info is null && path.Group.Length == 0 && path.Plural == "namespaces")
            info = resources.NamespaceType.Info;
        if (info is null)
            return new ResourceType(path.Group, path.Version, path.Plural, path.Namespace is not null, null);
        if (info.Support != KindSupport.Stored && !info.Versions.Contains(path.Version, StringComparer.Ordinal))
        {
            throw new ApiException(ApiStatus.NotFound(
                $"the server could not find the requested resource: {info.QualifiedPlural} is served at {string.Join(", ", info.Versions.Select(info.ApiVersion))}, not {info.ApiVersion(path.Version)}"));
        }
        if (path.Namespace is not null && !info.Namespaced)
        {
            throw new ApiException(ApiStatus.NotFound(
                $"the server could not find the requested resource: {info.QualifiedPlural} is cluster-scoped; use {path.Prefix}/{info.Plural}[/NAME]"));
        }
        if (path.Namespace is null && path.Name is not null && info.Namespaced)
        {
            throw new ApiException(ApiStatus.NotFound(
                $"the server could not find the requested resource: {info.QualifiedPlural} is namespaced; use {path.Prefix}/namespaces/NAMESPACE/{info.Plural}/{path.Name}"));
        }
        return ResourceType.Of(info, path.Version);
    }

    private static LabelSelector Selector(IQueryCollection query)
    {
        var text = query["labelSelector"].ToString();
        return LabelSelector.Parse(text, out var error)
            ?? throw new ApiException(ApiStatus.BadRequest($"unable to parse labelSelector \"{text}\": {error}"));
    }

    /// <summary>The precondition of a delete: <c>?resourceVersion=N</c> or a DeleteOptions body's preconditions.resourceVersion.</summary>
    private static async Task<long?> DeletePreconditionAsync(HttpContext ctx, CancellationToken ct)
    {
        string? text = ctx.Request.Query["resourceVersion"].ToString() is { Length: > 0 } q ? q : null;
        if (text is null && (ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0))
        {
            var options = await HttpJson.ReadAsync(ctx.Request, ct);
            if (options?["preconditions"]?["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var s))
                text = s;
        }
        if (text is null)
            return null;
        var rv = ResourceService.ParseResourceVersion(text, "preconditions.resourceVersion", out var error);
        if (error is not null)
            throw new ApiException(ApiStatus.BadRequest($"the delete precondition resourceVersion \"{text}\" is not valid: it must be a resourceVersion this server returned (a positive decimal number)"));
        return rv;
    }

    private static ApiException NotAllowed(HttpContext ctx, string allow, string message)
    {
        ctx.Response.Headers.Allow = allow;
        return new ApiException(ApiStatus.MethodNotAllowed(message));
    }
}
