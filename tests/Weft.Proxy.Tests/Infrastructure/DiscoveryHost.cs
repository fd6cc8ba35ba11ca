using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Discovery.Protocol;

namespace Weft.Proxy.Tests.Infrastructure;

/// <summary>
/// The real DiscoveryServer, hosted on Kestrel (h2c) in the test process with a mutable source:
/// what the control plane will host, minus translation. Can be stopped and started again on the same address.
/// </summary>
public sealed class DiscoveryHost : IAsyncDisposable
{
    private WebApplication? _app;

    private DiscoveryHost(string address, int port)
    {
        Address = address;
        Port = port;
        Server = new DiscoveryServer(Source, new DiscoveryServerOptions { Debounce = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger<DiscoveryServer>.Instance);
    }

    public MutableSnapshotSource Source { get; } = new();

    /// <summary>Unexpected session failures, shown when a wait times out.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    public DiscoveryServer Server { get; }

    public string Address { get; }

    public int Port { get; }

    public string Url => $"http://{Address}:{Port}";

    public static async Task<DiscoveryHost> StartNewAsync()
    {
        var host = new DiscoveryHost(Weft.Testing.Net.UniqueLoopback(), 15012);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Parse(Address), Port, lo => lo.Protocols = HttpProtocols.Http2);
            // A push stream idles between snapshots; Kestrel must not take that for a slow client.
            k.Limits.MinRequestBodyDataRate = null;
        });
        var app = builder.Build();
        app.MapPost(HttpDiscoveryConnection.Path, async ctx =>
        {
            // Headers first: the proxy's SendAsync returns on them, then it says hello.
            await ctx.Response.StartAsync(ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            try
            {
                await Server.RunSessionAsync(ctx.Request.Body, ctx.Response.Body, $"{ctx.Connection.RemoteIpAddress}:{ctx.Connection.RemotePort}", ctx.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidDataException)
            {
            }
            catch (Exception e)
            {
                Errors.Enqueue(e.ToString());
                throw;
            }
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops serving (a control plane that went down); the proxies' streams break.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        await _app.DisposeAsync();
        _app = null;
    }

    public ProxyStatus? Status(string id) => Server.Proxies.FirstOrDefault(p => p.Id == id);

    public async Task WaitForAsync(Func<DiscoveryServer, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(Server))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen; proxies: {string.Join("; ", Server.Proxies)}; errors: {string.Join("\n", Errors)}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Server.Dispose();
    }
}
