using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// The Prometheus port (Istio's 15090): only <c>/stats/prometheus</c>, on its own Kestrel so a
/// taken default port costs the proxy nothing but this port (the admin address serves the same path).
/// </summary>
public sealed partial class StatsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StatsServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The bound <c>ip:port</c> (the real port when 0 was asked).</summary>
    public string Address { get; }

    /// <summary>Binds and serves; when the address is the default and taken, warns and returns null, else throws.</summary>
    public static async Task<StatsServer?> StartAsync(IPEndPoint endpoint, bool explicitAddress, PrometheusEndpoint handler, ILogger log, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(endpoint));
        var app = builder.Build();
        app.MapGet(PrometheusEndpoint.Path, handler.HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e) when (!explicitAddress)
        {
            LogDefaultTaken(log, endpoint.ToString(), e.Message);
            await app.DisposeAsync();
            return null;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var address = bound is not null && Uri.TryCreate(bound, UriKind.Absolute, out var uri) ? new IPEndPoint(endpoint.Address, uri.Port).ToString() : endpoint.ToString();
        LogListening(log, address);
        return new StatsServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [LoggerMessage(3202, LogLevel.Warning, "The Prometheus port {Address} is taken ({Reason}); metrics are served on the admin address only")]
    private static partial void LogDefaultTaken(ILogger log, string address, string reason);

    [LoggerMessage(3203, LogLevel.Information, "Prometheus metrics on http://{Address}/stats/prometheus")]
    private static partial void LogListening(ILogger log, string address);
}
