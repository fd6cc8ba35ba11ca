using System.Net;

namespace Weft.ControlPlane.Hosting;

/// <summary>Everything a control plane needs to start, whether from the command line or in-process.</summary>
public sealed record WeftServerOptions
{
    /// <summary>The port of the console and REST API (Istio's Kiali port, so habits carry over).</summary>
    public const int DefaultPort = 20001;

    /// <summary>Where the token, the store and the lock live.</summary>
    public required string DataDir { get; init; }

    /// <summary>Where the REST API listens; loopback unless an address is given explicitly.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, DefaultPort);

    /// <summary>Revisions of change history kept for watches (older ones get 410 Gone).</summary>
    public long WatchHistory { get; init; } = 10_000;

    /// <summary>How often a watch that asked for bookmarks gets one while nothing changes.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stop waits for requests in flight before closing them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Istio's discovery port, weftd's TLS port: proxies connect there with their workload certificate, VMs get certificates there.</summary>
    public const int DefaultDiscoveryPort = 15012;

    /// <summary>
    /// Where proxies may also connect in plaintext (h2c) without proving anything, for development
    /// and tests that run proxies without certificates; null (the default): nowhere. The secure
    /// push stream is on the TLS port, <see cref="Ca"/>'s <c>Listen</c>.
    /// </summary>
    public IPEndPoint? InsecureDiscoveryListen { get; init; }

    /// <summary>The mesh CA: plugged-in cacerts, key-encryption key, and weftd's TLS port (<c>--discovery-listen</c>: the push stream and the certificate endpoint; null: nowhere).</summary>
    public Ca.CaOptions Ca { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Start a gateway proxy for every Gateway API Gateway of class istio or weft that no gateway workload runs (--deploy-gateways).</summary>
    public bool DeployGateways { get; init; }

    /// <summary>How often weftd scrapes every proxy's metrics for the console's graph (Kiali's default Prometheus scrape is 15 s).</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A Prometheus scraping the mesh (<c>--prometheus-url</c>): the console's graph and metrics are answered from it with PromQL, so windows reach past weftd's 5 minutes; null: weftd's own store.</summary>
    public Uri? PrometheusUrl { get; init; }

    /// <summary>The built web console (console/dist) served at /console/; null: found as <see cref="WebConsole.ConsoleFiles.Locate"/> says.</summary>
    public string? ConsoleDir { get; init; }

    /// <summary>Replaces the default logging (one line per message on stderr), e.g. to capture it in a test.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>How long an auto-registered WorkloadEntry outlives its proxy's push stream (Istio's default 10 s).</summary>
    /// <summary>weftd stops gracefully once this process has exited (<c>--exit-with</c>); null: never.</summary>
    public int? ExitWithPid { get; init; }

    public TimeSpan WorkloadGrace { get; init; } = Workloads.WorkloadAutoRegistration.DefaultGrace;

    /// <summary>Where Services created without a cluster IP get one (<c>--service-cluster-ip-range</c>; default 10.96.0.0/12).</summary>
    public ClusterIPs.ClusterIPRange ServiceClusterIPRange { get; init; } = ClusterIPs.ClusterIPRange.Default;
}
