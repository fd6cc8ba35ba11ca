using Weft.Api.Binding;
using Weft.Api.Model.Networking;

namespace Weft.Api.Model.Mesh;

/// <summary>
/// istio.mesh.v1alpha1.ProxyConfig: the settings of one proxy, set mesh-wide in MeshConfig's
/// <c>defaultConfig</c> and per workload in the <c>proxy.istio.io/config</c> annotation. A field set
/// there replaces the default whole (it is not merged inside), except <see cref="ProxyMetadata"/>,
/// whose keys are merged. (The networking.istio.io ProxyConfig kind is a different, smaller API.)
/// </summary>
[WireNullsAreAbsent]
public sealed record MeshProxyConfig
{
    /// <summary>Where the agent writes generated configuration (./etc/istio/proxy).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>The proxy binary (/usr/local/bin/envoy).</summary>
    public string? BinaryPath { get; init; }

    /// <summary>The service cluster name shared by all proxies (istio-proxy); not with <see cref="TracingServiceName"/>.</summary>
    public string? ServiceCluster { get; init; }

    /// <summary>How proxies name themselves in trace spans; not with <see cref="ServiceCluster"/>.</summary>
    public TracingServiceName? TracingServiceName { get; init; }

    /// <summary>How long connections drain on a restart (45s).</summary>
    public Duration? DrainDuration { get; init; }

    /// <summary>Deprecated: hot restarts are gone.</summary>
    public Duration? ParentShutdownDuration { get; init; }

    /// <summary>HOST:PORT of the discovery service (istiod.istio-system.svc:15012).</summary>
    public string? DiscoveryAddress { get; init; }

    /// <summary>Deprecated and ignored.</summary>
    public Duration? DiscoveryRefreshDelay { get; init; }

    /// <summary>Deprecated: use <see cref="Tracing"/>.</summary>
    public string? ZipkinAddress { get; init; }

    /// <summary>HOST:PORT of a statsd UDP listener.</summary>
    public string? StatsdUdpAddress { get; init; }

    /// <summary>Deprecated: use <see cref="EnvoyMetricsService"/>.</summary>
    public string? EnvoyMetricsServiceAddress { get; init; }

    /// <summary>The admin port (15000).</summary>
    public int? ProxyAdminPort { get; init; }

    /// <summary>Deprecated and ignored.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>How the proxy authenticates to the control plane (MUTUAL_TLS).</summary>
    public ProxyAuthenticationPolicy? ControlPlaneAuthPolicy { get; init; }

    public string? CustomConfigFile { get; init; }

    /// <summary>Longest stat name (189).</summary>
    public int? StatNameLength { get; init; }

    /// <summary>Worker threads; absent: from CPU limits; 0: every core.</summary>
    public int? Concurrency { get; init; }

    public string? ProxyBootstrapTemplatePath { get; init; }

    /// <summary>How inbound traffic is captured (REDIRECT).</summary>
    public InterceptionMode? InterceptionMode { get; init; }

    /// <summary>The tracer (a Zipkin at zipkin.istio-system:9411 by default).</summary>
    public ProxyTracing? Tracing { get; init; }

    /// <summary>Deprecated.</summary>
    public SdsSettings? Sds { get; init; }

    public RemoteService? EnvoyAccessLogService { get; init; }
    public RemoteService? EnvoyMetricsService { get; init; }

    /// <summary>Environment variables of the agent; <c>ISTIO_META_*</c> ones are sent to the control plane.</summary>
    public IReadOnlyDictionary<string, string>? ProxyMetadata { get; init; }

    /// <summary>Envoy runtime values set at bootstrap.</summary>
    public IReadOnlyDictionary<string, string>? RuntimeValues { get; init; }

    /// <summary>The agent's status and readiness port (15020).</summary>
    public int? StatusPort { get; init; }

    public IReadOnlyList<string>? ExtraStatTags { get; init; }

    /// <summary>Trusted proxies in front of gateways and XFCC handling.</summary>
    public Topology? GatewayTopology { get; init; }

    /// <summary>How long the agent waits for connections to finish on shutdown (5s).</summary>
    public Duration? TerminationDrainDuration { get; init; }

    /// <summary>The mesh's id, in telemetry.</summary>
    public string? MeshId { get; init; }

    /// <summary>The readiness probe of a VM's application.</summary>
    public ReadinessProbe? ReadinessProbe { get; init; }

    public ProxyStatsMatcher? ProxyStatsMatcher { get; init; }

    /// <summary>Start the application only once the proxy is ready.</summary>
    public bool? HoldApplicationUntilProxyStarts { get; init; }

    /// <summary>Extra PEM roots for workload-to-workload mTLS.</summary>
    public IReadOnlyList<string>? CaCertificatesPem { get; init; }

    public ProxyImage? Image { get; init; }
    public PrivateKeyProvider? PrivateKeyProvider { get; init; }
    public ProxyHeaders? ProxyHeaders { get; init; }

    /// <summary>How often access log files are flushed.</summary>
    public Duration? FileFlushInterval { get; init; }

    /// <summary>Buffered access log size that forces a flush.</summary>
    public uint? FileFlushMinSizeKb { get; init; }
}
