using Weft.Discovery.Codec;
using Weft.Proxy.Admin;
using Weft.Proxy.Listeners;
using Weft.Proxy.Pipeline;
using Weft.Proxy.Runtime;
using Weft.Proxy.Tcp;
using Weft.Proxy.Telemetry;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Hosting;

/// <summary>
/// Wires the proxy: admin server, runtime, listeners, first snapshot (file, disk, or control
/// plane), the "weft-proxy ready" line, and the drain on shutdown.
/// </summary>
public static partial class ProxyHost
{
    public const string ReadyLine = "weft-proxy ready";

    public static async Task<int> RunAsync(ProxyOptions options, CancellationToken ct)
    {
        var levels = new LogLevelSwitch(options.LogLevel);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        // Kestrel warns at every listener start that cleartext HTTP/2 needs TLS; our sniffing
        // serves h2c anyway, so only its errors are worth a line.
        builder.Logging.AddFilter((category, level) => level >= levels.Level
            && (level >= LogLevel.Warning || category is null || !category.StartsWith("Microsoft.", StringComparison.Ordinal))
            && (level >= LogLevel.Error || category != "Microsoft.AspNetCore.Server.Kestrel"));
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPEndPoint.Parse(options.AdminAddress)));
        builder.Host.ConfigureHostOptions(h => h.ShutdownTimeout = options.DrainPeriod + TimeSpan.FromSeconds(5));

        var time = TimeProvider.System;
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(levels);
        builder.Services.AddSingleton<ProxyCounters>();
        builder.Services.AddSingleton(sp => new IstioMetrics(options.Node, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<IStatsHook>(sp => sp.GetRequiredService<IstioMetrics>());
        builder.Services.AddSingleton<PrometheusEndpoint>();
        builder.Services.AddSingleton(_ => new AccessLog(options.AccessLogFormat));
        builder.Services.AddSingleton<Security.Tls.MeshTls>();
        builder.Services.AddSingleton(sp => new ClusterManager(time, sp.GetRequiredService<ILoggerFactory>(), options.DrainPeriod) { MeshTls = sp.GetRequiredService<Security.Tls.MeshTls>(), SourceAddress = Gateways.GatewaySource.AddressOf(options.Node) });
        builder.Services.AddSingleton<PipelineFactory>();
        builder.Services.AddSingleton(sp => options.DataDir is { } dir ? new SnapshotStore(dir, sp.GetRequiredService<ILogger<SnapshotStore>>()) : null!);
        builder.Services.AddSingleton(sp => new ProxyRuntime(sp.GetRequiredService<ClusterManager>(), sp.GetRequiredService<PipelineFactory>(),
            sp.GetRequiredService<AccessLog>(), sp.GetRequiredService<ProxyCounters>(), options.DataDir is null ? null : sp.GetRequiredService<SnapshotStore>(),
            time, sp.GetRequiredService<ILogger<ProxyRuntime>>()));
        builder.Services.AddSingleton<TcpProxyHandler>();
        builder.Services.AddSingleton<ProxyState>();

        await using var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Weft.Proxy");
        var runtime = app.Services.GetRequiredService<ProxyRuntime>();
        var state = app.Services.GetRequiredService<ProxyState>();
        var listeners = new ListenerManager(runtime, app.Services.GetRequiredService<TcpProxyHandler>(), app.Services.GetRequiredService<ProxyCounters>(),
            time, app.Services.GetRequiredService<ILoggerFactory>(), app.Services, options.DrainPeriod);
        runtime.Attach(listeners);
        AdminEndpoints.Map(app);
        app.MapGet(PrometheusEndpoint.Path, app.Services.GetRequiredService<PrometheusEndpoint>().HandleAsync);
        // The WorkloadGroup probe each snapshot carries runs here, as Istio's agent runs it on a VM.
        await using var prober = new Workloads.WorkloadProber(options.Node, time, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<Workloads.WorkloadProber>());
        Workloads.WorkloadHealthEndpoint.Map(app, prober);
        runtime.Applied += c => prober.Use(c.Source.Probe);
        // --interception transparent: istio-iptables' ports 15001/15006 and the DNS proxy on 15053.
        await using var transparent = Transparent.TransparentInterception.StartIfAsked(options.Node, runtime, app.Services.GetRequiredService<ILoggerFactory>());

        var ready = 0;
        runtime.Applied += _ =>
        {
            if (Interlocked.Exchange(ref ready, 1) == 0)
            {
                Console.Out.WriteLine(ReadyLine);
                Console.Out.Flush();
            }
        };

        await app.StartAsync(ct);
        // Istio's 15090: its own port, on the admin address's IP unless told otherwise.
        var statsEndpoint = options.StatsAddress is { } sa ? System.Net.IPEndPoint.Parse(sa)
            : new System.Net.IPEndPoint(System.Net.IPEndPoint.Parse(options.AdminAddress).Address, 15090);
        await using var stats = await StatsServer.StartAsync(statsEndpoint, options.StatsAddress is not null,
            app.Services.GetRequiredService<PrometheusEndpoint>(), log, ct);
        options = options with { Node = options.Node with { StatsAddress = stats?.Address } };

        // The workload certificate: saved one, or a bootstrap token's; renewed at half life. Listeners
        // terminate and clusters originate mesh mTLS with it, so a saved one is loaded before the first snapshot
        // serves; a bootstrap goes on in the background (config and plaintext traffic do not wait for the CA).
        await using var identity = options.Certificates is { } certs
            ? new Security.Certificates.ProxyIdentity(certs, certs.IdentityFor(options.Node.Namespace, options.Node.ServiceAccount), options.DataDir, time,
                app.Services.GetRequiredService<ILoggerFactory>())
            : null;
        if (identity is not null)
        {
            app.Services.GetRequiredService<Security.Tls.MeshTls>().Use(() => identity.Current);
            identity.Start();
            if (identity.Files is { } saved && File.Exists(saved.ChainPath))
                await Security.Tls.MeshTls.WaitForFirstAsync(identity.FirstCertificate, time, ct);
        }

        if (options.SnapshotFile is { } file)
        {
            var decoded = SnapshotCodec.Decode(await File.ReadAllBytesAsync(file, ct));
            if (decoded.Snapshot is null)
            {
                await Console.Error.WriteLineAsync($"weft-proxy: {file} is not a valid snapshot:\n{decoded.ErrorText}");
                return 1;
            }
            var result = await runtime.ApplyAsync(decoded.Snapshot, persist: false, ct);
            if (!result.Ok)
            {
                await Console.Error.WriteLineAsync($"weft-proxy: cannot serve {file}: {result.Error}");
                return 1;
            }
        }
        else if (app.Services.GetService<SnapshotStore>() is { } store && store.Load() is { } saved)
        {
            // Serve the last good config at once; the control plane may be down (issue: traffic never stops).
            var result = await runtime.ApplyAsync(saved, persist: false, ct);
            if (result.Ok)
                LogServingSaved(log, saved.Version, store.PathName);
        }

        Task discovery = Task.CompletedTask;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
        if (options.DiscoveryAddress is { } address)
            discovery = DiscoveryConnector.RunAsync(options, runtime, state, app.Services.GetRequiredService<ILoggerFactory>(), time, stopping.Token, app.Services.GetRequiredService<Security.Tls.MeshTls>(), prober);

        try
        {
            await app.WaitForShutdownAsync(ct);
        }
        catch (OperationCanceledException)
        {
        }
        LogDraining(log, options.DrainPeriod.TotalSeconds);
        state.Draining = true;
        await stopping.CancelAsync();
        await listeners.DrainAllAsync();
        try
        {
            await discovery;
        }
        catch (OperationCanceledException)
        {
        }
        await runtime.FlushPersistenceAsync();
        await app.Services.GetRequiredService<AccessLog>().DisposeAsync();
        app.Services.GetRequiredService<ClusterManager>().Dispose();
        return 0;
    }

    [LoggerMessage(5201, LogLevel.Warning, "Serving the saved snapshot {Version} from {Path} until the control plane answers")]
    private static partial void LogServingSaved(ILogger log, string version, string path);

    [LoggerMessage(5202, LogLevel.Information, "Shutting down: stopped accepting, draining for up to {Seconds} s")]
    private static partial void LogDraining(ILogger log, double seconds);
}
