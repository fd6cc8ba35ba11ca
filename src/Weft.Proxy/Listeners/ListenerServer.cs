using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using Weft.Proxy.Runtime;
using Weft.Proxy.Tcp;
using Weft.Proxy.Telemetry;

namespace Weft.Proxy.Listeners;

/// <summary>
/// One bound socket: its own Kestrel server, so listeners open and close independently as
/// snapshots come and go. HTTP/1.1 and h2c share the port (the dispatcher sniffs which).
/// </summary>
internal sealed class ListenerServer : IAsyncDisposable
{
    private readonly KestrelServer _server;
    private readonly ProxyHttpApplication _app;

    public ListenerServer(string address, int port, ProxyRuntime runtime, TcpProxyHandler tcp, ProxyCounters counters, TimeProvider time, ILoggerFactory logs, IServiceProvider services)
    {
        SocketKey = CompiledListener.SocketKeyOf(address, port);
        var options = new KestrelServerOptions
        {
            AddServerHeader = false,
            // absolute-form requests (an app using us as its HTTP proxy) route by their authority.
            AllowHostHeaderOverride = true,
            // h2c connections carry our stand-in ALPN feature, so Kestrel thinks them TLS; the :scheme they send is "http".
            AllowAlternateSchemes = true,
            ApplicationServices = services,
        };
        options.Limits.MaxRequestBodySize = null;
        // Streaming and gRPC calls may idle; Envoy has no data-rate minimums either.
        options.Limits.MinRequestBodyDataRate = null;
        options.Limits.MinResponseDataRate = null;
        options.Limits.Http2.MaxStreamsPerConnection = 1024;
        options.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
        var dispatcher = new ConnectionDispatcher(SocketKey, port, runtime, tcp, counters, logs.CreateLogger<ConnectionDispatcher>(), services.GetService<Security.Tls.MeshTls>());
        options.Listen(IPAddress.Parse(address), port, lo =>
        {
            lo.Protocols = HttpProtocols.Http1AndHttp2;
            lo.Use(next => conn => dispatcher.OnConnectionAsync(conn, next));
        });
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), logs);
        _server = new KestrelServer(Options.Create(options), transport, logs);
        _app = new ProxyHttpApplication(SocketKey, port, runtime, time);
    }

    public string SocketKey { get; }

    public Task StartAsync(CancellationToken ct) => _server.StartAsync(_app, ct);

    /// <summary>Stops accepting, lets requests in flight finish for up to <paramref name="drain"/>, then closes.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        using var cts = new CancellationTokenSource(drain);
        try
        {
            await _server.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        _server.Dispose();
    }
}
