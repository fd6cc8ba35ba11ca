using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Weft.Cli.Workloads;

/// <summary>
/// What a workload without a sidecar has for a network: cluster DNS and kube-proxy, nothing more.
/// It listens where the sidecar's outbound listener would (ADDR:15001, the app's HTTP_PROXY),
/// resolves Kubernetes service names to the Service's endpoints, picks one in turn and forwards
/// plainly: no routing rules, no policy, no mTLS, no telemetry, as for a pod outside the mesh.
/// Injecting a sidecar replaces it.
/// </summary>
public sealed class PlainForwarder : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _client;
    private int _next;

    private PlainForwarder(WebApplication app, HttpMessageInvoker client)
    {
        _app = app;
        _client = client;
    }

    /// <summary>Starts listening on <paramref name="address"/>:<paramref name="port"/> for a workload of <paramref name="callerNamespace"/>.</summary>
    public static async Task<PlainForwarder> StartAsync(string address, int port, string callerNamespace, Func<MeshState> state, CancellationToken ct)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(IPAddress.Parse(address), port);
        });
        var app = builder.Build();
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        });
        var forwarder = new PlainForwarder(app, client);
        app.Run(ctx => forwarder.ForwardAsync(ctx, callerNamespace, state()));
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            client.Dispose();
            throw new CliException($"cannot listen on {address}:{port} for the workload's outbound calls: {e.Message}");
        }
        return forwarder;
    }

    private async Task ForwardAsync(HttpContext ctx, string callerNamespace, MeshState state)
    {
        var request = ctx.Request;
        if (HttpMethods.IsConnect(request.Method))
        {
            await ReplyAsync(ctx, 501, "CONNECT needs a sidecar: this workload is not in the mesh\n");
            return;
        }
        var host = request.Host.Host;
        var port = request.Host.Port ?? 80;
        var endpoints = state.Resolve(host, port, callerNamespace);
        string authority;
        if (endpoints is null)
            authority = request.Host.Value ?? host;
        else if (endpoints.Count == 0)
        {
            await ReplyAsync(ctx, 503, "no healthy upstream");
            return;
        }
        else
        {
            var e = endpoints[(int)((uint)Interlocked.Increment(ref _next) % (uint)endpoints.Count)];
            authority = $"{e.Address}:{e.Port}";
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), $"http://{authority}{request.PathBase}{request.Path}{request.QueryString}");
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            message.Content = new StreamContent(request.Body);
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        message.Headers.Host = request.Host.Value;
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(message, ctx.RequestAborted);
        }
        catch (HttpRequestException)
        {
            await ReplyAsync(ctx, 503, "upstream connect error or disconnect/reset before headers. reset reason: connection failure");
            return;
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        using (response)
        {
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name))
                    ctx.Response.Headers[name] = values.ToArray();
            await using var body = await response.Content.ReadAsStreamAsync(ctx.RequestAborted);
            await body.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
        }
    }

    private static Task ReplyAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.WriteAsync(text, ctx.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
