using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Weft.ControlPlane.Hosting;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Resources.Labels;

namespace Weft.ControlPlane.Http;

/// <summary>
/// Serves <c>?watch=true</c>: a 200 response that stays open and carries one JSON watch event per
/// line (<c>{"type":"ADDED","object":{...}}</c>), flushed as each batch arrives. A watch that can
/// no longer be served (its history was compacted) gets an ERROR event with a 410 Status and ends;
/// one that cannot start gets the 410 Status as the response. With allowWatchBookmarks=true it
/// also gets a BOOKMARK after the initial state and whenever nothing happened for a while, so a
/// client can resume from a recent resourceVersion.
/// </summary>
internal sealed partial class WatchStreamer(ResourceService resources, WeftServerOptions options, IHostApplicationLifetime lifetime, ILogger log)
{
    public async Task StreamAsync(HttpContext ctx, ResourceType type, string? ns, LabelSelector selector)
    {
        var query = ctx.Request.Query;
        var bookmarks = ResourceHandler.IsTrue(query["allowWatchBookmarks"]);
        TimeSpan? timeout = null;
        if (query["timeoutSeconds"].ToString() is { Length: > 0 } t)
        {
            if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                throw new ApiException(ApiStatus.BadRequest($"timeoutSeconds \"{t}\" is not a whole number of seconds"));
            timeout = TimeSpan.FromSeconds(seconds);
        }
        // The watch ends when the client goes, when weftd stops, or at timeoutSeconds.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, lifetime.ApplicationStopping);
        using var timer = timeout is { } after
            ? options.Time.CreateTimer(_ => cts.Cancel(), null, after, Timeout.InfiniteTimeSpan)
            : null;
        var ct = cts.Token;
        await using var watch = await resources.OpenWatchAsync(type, ns, selector, query["resourceVersion"].ToString(), ct);
        LogStarted(log, type.QualifiedPlural, ns ?? "(all)", selector.ToString(), watch.Revision);

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = HttpJson.ContentType;
        ctx.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // StartAsync only buffers the headers: flush so the client has its 200 before the first event.
        await ctx.Response.StartAsync(ct);
        await ctx.Response.Body.FlushAsync(ct);

        Task<WatchBatch>? pending = null;
        // Bookmarks are due after an interval with nothing written, however busy other types are.
        var lastWrite = options.Time.GetUtcNow();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                pending ??= watch.NextAsync().AsTask();
                if (bookmarks && !pending.IsCompleted)
                {
                    var due = lastWrite + options.BookmarkInterval - options.Time.GetUtcNow();
                    if (due <= TimeSpan.Zero)
                    {
                        await WriteAsync(ctx, Bookmark(type, watch.Revision, initialEnd: false), ct);
                        lastWrite = options.Time.GetUtcNow();
                        continue;
                    }
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    var delay = Task.Delay(due, options.Time, idle.Token);
                    var first = await Task.WhenAny(pending, delay);
                    await idle.CancelAsync();
                    if (first != pending)
                        continue;
                }
                WatchBatch batch;
                try
                {
                    batch = await pending;
                }
                catch (ApiException ex)
                {
                    pending = null;
                    await WriteAsync(ctx, new ResourceEvent(ResourceEvent.Error, ex.Status.ToJson()), ct);
                    break;
                }
                pending = null;
                foreach (var e in batch.Events)
                    await WriteAsync(ctx, e, ct, flush: false);
                if (batch.InitialState && bookmarks)
                    await WriteAsync(ctx, Bookmark(type, batch.Revision, initialEnd: true), ct, flush: false);
                if (batch.Events.Count > 0 || batch.InitialState)
                {
                    await ctx.Response.Body.FlushAsync(ct);
                    lastWrite = options.Time.GetUtcNow();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client left, weftd is stopping, or the timeout passed: the stream just ends.
        }
        finally
        {
            // An async iterator cannot be disposed while a MoveNext is in flight; the cancelled
            // token ends it promptly.
            if (pending is not null)
            {
                cts.Cancel();
                try
                {
                    await pending;
                }
                catch (Exception ex) when (ex is OperationCanceledException or ApiException or ObjectDisposedException)
                {
                }
            }
            LogEnded(log, type.QualifiedPlural, ns ?? "(all)", watch.Revision);
        }
    }

    private static ResourceEvent Bookmark(ResourceType type, long revision, bool initialEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEnd)
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        return new ResourceEvent(ResourceEvent.Bookmark, new JsonObject
        {
            ["kind"] = type.Info?.Kind ?? "",
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = meta,
        });
    }

    private static async Task WriteAsync(HttpContext ctx, ResourceEvent e, CancellationToken ct, bool flush = true)
    {
        var line = Encoding.UTF8.GetBytes(e.ToJson().ToJsonString(StoredObjects.Json) + "\n");
        await ctx.Response.Body.WriteAsync(line, ct);
        if (flush)
            await ctx.Response.Body.FlushAsync(ct);
    }

    [LoggerMessage(1501, LogLevel.Debug, "Watch of {Resource} in {Namespace} (selector \"{Selector}\") started after revision {Revision}")]
    private static partial void LogStarted(ILogger log, string resource, string @namespace, string selector, long revision);

    [LoggerMessage(1502, LogLevel.Debug, "Watch of {Resource} in {Namespace} ended at revision {Revision}")]
    private static partial void LogEnded(ILogger log, string resource, string @namespace, long revision);
}
