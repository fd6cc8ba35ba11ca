using Microsoft.Extensions.Logging.Console;
using Weft.Api.Kinds;
using Weft.ControlPlane.Analysis;
using Weft.ControlPlane.Ca;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Http;
using Weft.ControlPlane.Push;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Store;
using Weft.ControlPlane.Store.Sqlite;

namespace Weft.ControlPlane.Hosting;

/// <summary>
/// One running control plane: the data directory (lock and token), the store, the resource layer
/// and the REST API on Kestrel. weftd's Program starts one; tests and tools can start several in
/// one process, each with its own data directory and port. Later parts (discovery on 15012, the
/// CA, telemetry) are composed here beside the REST API.
/// </summary>
public sealed partial class WeftServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DataDirectory _dataDir;
    private readonly SqliteResourceStore _store;
    private readonly ILogger _log;
    private readonly CaHost _caHost;
    private int _stopped;

    private WeftServer(WebApplication app, DataDirectory dataDir, SqliteResourceStore store, ResourceService resources, ConfigCache config,
        MeshConfigSource mesh, AnalysisService analysis, DiscoveryHost discovery, CaService ca, CaHost caHost, Uri address, ILogger log)
    {
        Ca = ca;
        _caHost = caHost;
        Discovery = discovery;
        _app = app;
        _dataDir = dataDir;
        _store = store;
        Resources = resources;
        Config = config;
        Mesh = mesh;
        Analysis = analysis;
        Address = address;
        _log = log;
    }

    /// <summary>Every stored object, typed, following the store: what analysis and translation read.</summary>
    public ConfigCache Config { get; }

    /// <summary>The mesh-wide settings (mesh.yaml, or the istio ConfigMap).</summary>
    public MeshConfigSource Mesh { get; }

    /// <summary>The analyzers' findings about what is stored.</summary>
    public AnalysisService Analysis { get; }

    /// <summary>Translation and the push to proxies; its Address is the plaintext listener's (--insecure-discovery-listen), null without one. The TLS port is <see cref="Ca"/>'s Address.</summary>
    public DiscoveryHost Discovery { get; }

    /// <summary>The mesh CA and its bootstrap tokens; its Address is null when the certificate endpoint is not listening.</summary>
    public CaService Ca { get; }

    /// <summary>The REST API's base address, with the real port when port 0 was asked for.</summary>
    public Uri Address { get; }

    /// <summary>The API token clients must present.</summary>
    public string Token => _dataDir.Token;

    public string DataDir => _dataDir.Path;

    public IResourceStore Store => _store;

    public ResourceService Resources { get; }

    /// <summary>Writes the Gateway API status of GatewayClasses, Gateways and routes.</summary>
    public GatewayApi.GatewayStatusWriter GatewayStatus { get; private init; } = null!;
    public Egress.ServiceEntryAddressWriter? ServiceEntryAddresses { get; private init; }
    public ClusterIPs.ClusterIPWriter? ServiceClusterIPs { get; private init; }

    /// <summary>Runs gateways for Gateway API Gateways (--deploy-gateways); null when not asked for.</summary>
    public GatewayApi.GatewayDeployer? GatewayDeployer { get; private init; }

    /// <summary>WorkloadGroup auto-registration: WorkloadEntries for connected proxies that name a group.</summary>
    public Workloads.WorkloadAutoRegistration? WorkloadRegistration { get; private init; }

    /// <exception cref="DataDirectoryException">The data directory cannot be used.</exception>
    /// <exception cref="StoreOpenException">The store cannot be opened.</exception>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    public static async Task<WeftServer> StartAsync(WeftServerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            // Nothing is read from the working directory: no appsettings.json, no file watching.
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        ConfigureLogging(builder.Logging, options);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(options.Listen);
        });
        var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var log = loggers.CreateLogger<WeftServer>();

        DataDirectory? dataDir = null;
        SqliteResourceStore? store = null;
        ConfigCache? config = null;
        AnalysisService? analysis = null;
        GatewayApi.GatewayStatusWriter? gatewayStatus = null;
        Egress.ServiceEntryAddressWriter? serviceEntryAddresses = null;
        ClusterIPs.ClusterIPWriter? clusterIPs = null;
        GatewayApi.GatewayDeployer? gatewayDeployer = null;
        Workloads.WorkloadAutoRegistration? workloadRegistration = null;
        DiscoveryHost? discovery = null;
        CaHost? caHost = null;
        try
        {
            dataDir = DataDirectory.Open(options.DataDir, loggers.CreateLogger<DataDirectory>());
            var mesh = MeshConfigSource.Load(dataDir.Path);
            store = SqliteResourceStore.Open(dataDir.StorePath, new SqliteStoreOptions { HistoryRevisions = options.WatchHistory },
                loggers.CreateLogger<SqliteResourceStore>());
            config = new ConfigCache(store, KindRegistry.Default, loggers.CreateLogger<ConfigCache>());
            await config.StartAsync(ct);
            var cache = config;
            var admission = new Admission(KindRegistry.Default, () => mesh.Validation(cache.Current), mesh.Check);
            var resources = new ResourceService(store, admission, options.Time, loggers.CreateLogger<ResourceService>());
            analysis = new AnalysisService(config, mesh, resources, options.Time, loggers.CreateLogger<AnalysisService>());
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            var watches = new WatchStreamer(resources, options, lifetime, loggers.CreateLogger<WatchStreamer>());
            var auth = new TokenAuthentication(new ApiToken(dataDir.Token), loggers.CreateLogger<TokenAuthentication>());
            // The console's files come before the token check: the login page is where the token is entered.
            WebConsole.ConsoleEndpoints.UseFiles(app, options.ConsoleDir);
            ApiEndpoints.Map(app, resources, new ResourceHandler(resources, watches), auth, loggers.CreateLogger("Weft.ControlPlane.Http"));
            AnalysisEndpoints.Map(app, analysis, resources);
            discovery = DiscoveryHost.Create(config, mesh, new PushOptions(), new Weft.Discovery.Protocol.DiscoveryServerOptions(), options.Time, loggers);
            Security.JwksResolver.Attach(discovery.Source, app.Lifetime, options.Time, loggers);
            ProxyStatusEndpoints.Map(app, discovery);
            WebConsole.ConsoleEndpoints.MapApi(app, discovery);
            Telemetry.TelemetryEndpoints.Map(app, discovery, options.ScrapeInterval, options.Time, loggers, options.PrometheusUrl);
            var ca = CaService.Open(options.Ca, dataDir.Path, mesh.FileMesh.TrustDomain ?? Weft.Identity.Spiffe.TrustDomain.Default, mesh.RootNamespace, options.Time, loggers);
            BootstrapTokenEndpoints.Map(app, ca);
            caHost = new CaHost(ca, loggers.CreateLogger<CaHost>()) { Discovery = discovery.Server, SecretConfig = () => cache.Current };
            discovery.SecretConfig = () => cache.Current;

            await app.StartAsync(ct);
            analysis.Start();
            gatewayStatus = new GatewayApi.GatewayStatusWriter(config, mesh, resources, options.Time, loggers.CreateLogger<GatewayApi.GatewayStatusWriter>());
            gatewayStatus.Start();
            serviceEntryAddresses = new Egress.ServiceEntryAddressWriter(config, resources, options.Time, loggers.CreateLogger<Egress.ServiceEntryAddressWriter>());
            serviceEntryAddresses.Start();
            clusterIPs = new ClusterIPs.ClusterIPWriter(config, resources, options.ServiceClusterIPRange, options.Time, loggers.CreateLogger<ClusterIPs.ClusterIPWriter>());
            clusterIPs.Start();
            await StartDiscoveryAsync(discovery, options, l => ConfigureLogging(l, options), ct);
            var pushServer = discovery.Server;
            workloadRegistration = new Workloads.WorkloadAutoRegistration(() => pushServer.Proxies, resources, options.WorkloadGrace, options.Time, loggers.CreateLogger<Workloads.WorkloadAutoRegistration>());
            workloadRegistration.Start();
            await StartCaAsync(caHost, options, log, ct);
            if (options.DeployGateways)
            {
                var discoveryHost = discovery;
                // Deployed gateways connect to the TLS port with a certificate from a bootstrap token, as every proxy does.
                var tlsPort = caHost;
                gatewayDeployer = new GatewayApi.GatewayDeployer(config, resources, () => tlsPort.Address, dataDir.Path, options.Time, loggers.CreateLogger<GatewayApi.GatewayDeployer>())
                {
                    Certificates = (ns, sa, dir, c) => ProxyBootstrap.WriteAsync(ca, ns, sa, dir, c),
                };
                gatewayDeployer.Start();
            }
            var address = new Uri(app.Urls.First());
            var server = new WeftServer(app, dataDir, store, resources, config, mesh, analysis, discovery, ca, caHost, address, log) { GatewayStatus = gatewayStatus, GatewayDeployer = gatewayDeployer, WorkloadRegistration = workloadRegistration, ServiceEntryAddresses = serviceEntryAddresses, ServiceClusterIPs = clusterIPs };
            LogStarted(log, address.ToString().TrimEnd('/'), dataDir.Path, (await store.StatusAsync(ct)).Revision);
            return server;
        }
        catch
        {
            await app.DisposeAsync();
            if (workloadRegistration is not null)
                await workloadRegistration.DisposeAsync();
            if (caHost is not null)
                await caHost.DisposeAsync();
            if (discovery is not null)
                await discovery.DisposeAsync();
            if (analysis is not null)
                await analysis.DisposeAsync();
            if (gatewayStatus is not null)
                await gatewayStatus.DisposeAsync();
            if (serviceEntryAddresses is not null)
                await serviceEntryAddresses.DisposeAsync();
            if (clusterIPs is not null)
                await clusterIPs.DisposeAsync();
            if (gatewayDeployer is not null)
                await gatewayDeployer.DisposeAsync();
            if (config is not null)
                await config.DisposeAsync();
            if (store is not null)
                await store.DisposeAsync();
            dataDir?.Dispose();
            throw;
        }
    }

    /// <summary>Stops gracefully: no new requests, watches end, requests in flight finish (up to the shutdown timeout), the store closes.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        LogStopping(_log, Address.ToString().TrimEnd('/'));
        try
        {
            await _app.StopAsync(ct);
        }
        finally
        {
            await _app.DisposeAsync();
            await _caHost.DisposeAsync();
            if (WorkloadRegistration is not null)
                await WorkloadRegistration.DisposeAsync();
            await Discovery.DisposeAsync();
            await Analysis.DisposeAsync();
            await GatewayStatus.DisposeAsync();
            if (ServiceEntryAddresses is not null)
                await ServiceEntryAddresses.DisposeAsync();
            if (ServiceClusterIPs is not null)
                await ServiceClusterIPs.DisposeAsync();
            if (GatewayDeployer is not null)
                await GatewayDeployer.DisposeAsync();
            await Config.DisposeAsync();
            await _store.DisposeAsync();
            _dataDir.Dispose();
        }
        LogStopped(_log);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>
    /// Translation runs when proxies can connect at all; the plaintext listener only when asked
    /// for, and then it must bind (it is never a default). The secure push stream is on the TLS
    /// port (<see cref="StartCaAsync"/>).
    /// </summary>
    private static async Task StartDiscoveryAsync(DiscoveryHost discovery, WeftServerOptions options, Action<ILoggingBuilder> logging, CancellationToken ct)
    {
        if (options.Ca.Listen is null && options.InsecureDiscoveryListen is null)
            return;
        discovery.Start();
        if (options.InsecureDiscoveryListen is { } insecure)
            await discovery.ListenInsecureAsync(insecure, logging, ct);
    }

    /// <summary>weftd's TLS port (the push stream and the certificate endpoint): the default address taken is a warning (another weftd), an explicit one must bind.</summary>
    private static async Task StartCaAsync(CaHost caHost, WeftServerOptions options, ILogger log, CancellationToken ct)
    {
        if (options.Ca.Listen is not { } listen)
            return;
        try
        {
            await caHost.StartAsync(listen, l => ConfigureLogging(l, options), ct);
        }
        catch (IOException e) when (!options.Ca.ListenExplicit)
        {
            LogCaUnavailable(log, listen.ToString(), e.Message);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, WeftServerOptions options)
    {
        logging.ClearProviders();
        if (options.Logging is not null)
        {
            options.Logging(logging);
            return;
        }
        // stdout carries exactly one line (the ready line the CLI waits for); logs go to stderr.
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
    }

    [LoggerMessage(1010, LogLevel.Information, "weftd started: REST API at {Address}, data directory {DataDir}, store at revision {Revision}")]
    private static partial void LogStarted(ILogger log, string address, string dataDir, long revision);

    [LoggerMessage(1014, LogLevel.Warning, "weftd's TLS port cannot listen on {Address} ({Reason}), so no proxy can connect to this weftd and no VM can bootstrap or renew with it; choose another address with --discovery-listen")]
    private static partial void LogCaUnavailable(ILogger log, string address, string reason);

    [LoggerMessage(1011, LogLevel.Information, "weftd stopping: {Address}")]
    private static partial void LogStopping(ILogger log, string address);

    [LoggerMessage(1012, LogLevel.Information, "weftd stopped")]
    private static partial void LogStopped(ILogger log);
}
