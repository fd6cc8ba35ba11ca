using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Weft.ControlPlane.Config;
using Weft.Discovery.Protocol;

namespace Weft.ControlPlane.Push;

/// <summary>
/// weftd's push: the <see cref="DiscoveryServer"/> fed by translation. Proxies reach it over
/// weftd's TLS port (Istio's 15012, served by <see cref="Ca.CaHost"/>, where the workload
/// certificate proves whose snapshot a proxy gets); only when asked (<c>--insecure-discovery-listen</c>)
/// also on a Kestrel listener of its own speaking h2c with prior knowledge and no authentication,
/// for development and tests. One long-lived <c>POST /weft.discovery.v1/Stream</c> per proxy.
/// </summary>
public sealed partial class DiscoveryHost : IAsyncDisposable
{
    public const int DefaultPort = 15012;

    private readonly ILogger _log;
    private WebApplication? _app;

    private DiscoveryHost(TranslationSnapshotSource source, DiscoveryServer server, ILogger log)
    {
        Source = source;
        Server = server;
        _log = log;
    }

    public TranslationSnapshotSource Source { get; }

    public DiscoveryServer Server { get; }

    /// <summary>The config the plaintext listener's secret endpoint reads; null: no secrets served there.</summary>
    public Func<ConfigSnapshot>? SecretConfig { get; set; }

    /// <summary>The plaintext h2c listener (<c>--insecure-discovery-listen</c>), with the real port when port 0 was asked for; null when there is none.</summary>
    public Uri? Address { get; private set; }

    public static DiscoveryHost Create(ConfigCache config, MeshConfigSource mesh, PushOptions push, DiscoveryServerOptions discovery, TimeProvider time, ILoggerFactory loggers)
    {
        var source = new TranslationSnapshotSource(config, mesh, push, time, loggers.CreateLogger<TranslationSnapshotSource>());
        var server = new DiscoveryServer(source, discovery, time, loggers.CreateLogger<DiscoveryServer>());
        return new DiscoveryHost(source, server, loggers.CreateLogger<DiscoveryHost>());
    }

    /// <summary>Starts translating config into snapshots for the proxies connected over any listener.</summary>
    public void Start() => Source.Start(() => Server.Proxies);

    /// <summary>Also serves the push stream in plaintext h2c, with no authentication (<c>--insecure-discovery-listen</c>).</summary>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    public async Task ListenInsecureAsync(IPEndPoint listen, Action<ILoggingBuilder> logging, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        logging(builder.Logging);
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(listen, l => l.Protocols = HttpProtocols.Http2);
            // A push stream idles between snapshots: that is no slow client.
            k.Limits.MinRequestBodyDataRate = null;
            k.Limits.MinResponseDataRate = null;
            // Kestrel's keep-alive timeout is left as it is: an open push stream keeps the
            // connection busy, and an infinite value made Kestrel close fresh connections (GOAWAY)
            // before the proxy's hello. Dead proxies are noticed by their own pings and by TCP.
        });
        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        Security.SecretEndpoint.MapInsecure(app, () => SecretConfig?.Invoke(), _log);
        app.MapPost(HttpDiscoveryConnection.Path, async ctx =>
        {
            // A stopping weftd ends every push stream at once: proxies reconnect elsewhere or
            // keep serving what they have, instead of weftd waiting out the shutdown timeout.
            using var session = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
            // Headers first: the proxy says hello once it has them.
            await ctx.Response.StartAsync(ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            var peer = $"{ctx.Connection.RemoteIpAddress}:{ctx.Connection.RemotePort}";
            try
            {
                await Server.RunSessionAsync(ctx.Request.Body, ctx.Response.Body, peer, session.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                LogBadStream(_log, peer, e.Message);
            }
        });
        await app.StartAsync(ct);
        _app = app;
        Address = new Uri(app.Urls.First());
        LogListening(_log, Address.ToString().TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(cts.Token);
            await _app.DisposeAsync();
        }
        Server.Dispose();
        await Source.DisposeAsync();
    }

    /// <summary>The start of the log line naming the plaintext listener; the address ends the line.</summary>
    public const string InsecureListeningLine = "Insecure discovery (push to proxies, h2c, no authentication: any proxy gets any identity's config; for development and tests only) listening on ";

    [LoggerMessage(1210, LogLevel.Warning, "Insecure discovery (push to proxies, h2c, no authentication: any proxy gets any identity's config; for development and tests only) listening on {Address}")]
    private static partial void LogListening(ILogger log, string address);

    [LoggerMessage(1211, LogLevel.Warning, "Push stream from {Peer} was not understood and is closed: {Reason}")]
    private static partial void LogBadStream(ILogger log, string peer, string reason);
}
