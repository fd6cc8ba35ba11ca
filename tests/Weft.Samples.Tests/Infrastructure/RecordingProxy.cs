using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Weft.Testing;

namespace Weft.Samples.Tests.Infrastructure;

/// <summary>
/// A forward HTTP proxy on a loopback address of its own, standing where a sidecar's outbound
/// port stands under explicit interception: samples started with <c>HTTP_PROXY</c> pointing
/// here send it absolute-form requests, which it records (headers included) and forwards to
/// their real destination, so the calls still work end to end.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _forward = TestHttp.CreateClient();

    private RecordingProxy(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The value for HTTP_PROXY.</summary>
    public string Url { get; }

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    public static async Task<RecordingProxy> StartAsync()
    {
        var address = Net.UniqueLoopback();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(address), 0));
        var app = builder.Build();
        RecordingProxy? self = null;
        app.Run(ctx => self!.ForwardAsync(ctx));
        await app.StartAsync();
        self = new RecordingProxy(app, app.Urls.First());
        return self;
    }

    /// <summary>The requests whose <c>x-request-id</c> is <paramref name="requestId"/>: one trace's calls.</summary>
    public IReadOnlyList<ProxiedRequest> ForRequest(string requestId) =>
        [.. Requests.Where(r => r.Headers.TryGetValue("x-request-id", out var id) && id == requestId)];

    private async Task ForwardAsync(HttpContext ctx)
    {
        // Absolute-form (GET http://host:port/path HTTP/1.1) is what a client sends to a proxy.
        var target = ctx.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (!target.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ctx.Response.WriteAsync($"not a proxy request: {target}");
            return;
        }
        var headers = ctx.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new ProxiedRequest(ctx.Request.Method, new Uri(target), headers));

        using var outbound = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), target);
        if (ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
            outbound.Content = new StreamContent(ctx.Request.Body);
        foreach (var (name, value) in ctx.Request.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            if (!outbound.Headers.TryAddWithoutValidation(name, value.ToArray()))
                outbound.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
        }
        try
        {
            using var response = await _forward.SendAsync(outbound, ctx.RequestAborted);
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, value) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name))
                    ctx.Response.Headers[name] = value.ToArray();
            await response.Content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await ctx.Response.WriteAsync($"upstream connect error: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}

/// <summary>One request a sample sent through the proxy: method, absolute target, headers (lower-case names).</summary>
public sealed record ProxiedRequest(string Method, Uri Target, IReadOnlyDictionary<string, string> Headers);
