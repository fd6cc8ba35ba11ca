using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Weft.Proxy.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a loopback address of its own: answers with its name, and records
/// every request it saw. Paths: /status/N answers N, /delay/MS waits, /echo echoes the body,
/// /headers lists the request headers. A custom handler replaces all of that.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBackend(string name, WebApplication app, string address, int port)
    {
        Name = name;
        _app = app;
        Address = address;
        Port = port;
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    public string Authority => $"{Address}:{Port}";

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public int Count => Requests.Count;

    /// <summary>When set, answers every request with this status (a failing backend).</summary>
    public int? ForcedStatus { get; set; }

    public static async Task<TestBackend> StartAsync(string name, Func<HttpContext, Task>? handler = null, HttpProtocols protocols = HttpProtocols.Http1, string? address = null, int? port = null, bool useWebSockets = false)
    {
        address ??= Weft.Testing.Net.UniqueLoopback();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Parse(address), port ?? 0, lo => lo.Protocols = protocols);
            k.Limits.MinRequestBodyDataRate = null;
            k.Limits.MinResponseDataRate = null;
        });
        var app = builder.Build();
        if (useWebSockets)
            app.UseWebSockets();
        TestBackend? self = null;
        app.Run(async ctx =>
        {
            var body = "";
            if (!ctx.Request.Path.StartsWithSegments("/stream") && !ctx.Request.Path.StartsWithSegments("/ws") && handler is null)
            {
                using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
                body = await reader.ReadToEndAsync(ctx.RequestAborted);
            }
            self!.Requests.Enqueue(new SeenRequest(ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, ctx.Request.Protocol,
                ctx.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            if (handler is not null)
            {
                await handler(ctx);
                return;
            }
            await self.DefaultAsync(ctx, body);
        });
        await app.StartAsync();
        var bound = new Uri(app.Urls.First());
        self = new TestBackend(name, app, address, bound.Port);
        return self;
    }

    private async Task DefaultAsync(HttpContext ctx, string body)
    {
        ctx.Response.Headers["x-backend"] = Name;
        if (ForcedStatus is { } forced)
        {
            ctx.Response.StatusCode = forced;
            await ctx.Response.WriteAsync($"{Name} forced {forced}");
            return;
        }
        var path = ctx.Request.Path.Value ?? "/";
        if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = int.Parse(path["/status/".Length..], CultureInfo.InvariantCulture);
            await ctx.Response.WriteAsync(Name);
            return;
        }
        if (path.StartsWith("/delay/", StringComparison.Ordinal))
        {
            await Task.Delay(int.Parse(path["/delay/".Length..], CultureInfo.InvariantCulture), ctx.RequestAborted);
            await ctx.Response.WriteAsync(Name);
            return;
        }
        if (path == "/echo")
        {
            await ctx.Response.WriteAsync(body);
            return;
        }
        if (path == "/headers")
        {
            var sb = new StringBuilder();
            foreach (var h in ctx.Request.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
                sb.Append(h.Key.ToLowerInvariant()).Append(": ").Append(h.Value.ToString()).Append('\n');
            await ctx.Response.WriteAsync(sb.ToString());
            return;
        }
        await ctx.Response.WriteAsync(Name);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record SeenRequest(string Method, string PathAndQuery, string Protocol, Dictionary<string, string> Headers, string Body);
