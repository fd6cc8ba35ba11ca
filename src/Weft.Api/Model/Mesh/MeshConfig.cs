using Weft.Api.Binding;
using Weft.Api.Model.Core;
using Weft.Api.Model.Networking;

namespace Weft.Api.Model.Mesh;

/// <summary>
/// istio.mesh.v1alpha1.MeshConfig: the mesh-wide settings (the <c>mesh</c> key of the <c>istio</c>
/// ConfigMap, or a <c>meshConfig</c> file). A plain document without apiVersion or kind, read as
/// protobuf JSON: both camelCase and snake_case names are accepted and <c>null</c> means unset.
/// After <see cref="Weft.Api.Mesh.MeshConfigLoader"/> applied Istio's defaults, the fields Istio
/// defaults are set.
/// </summary>
[WireNullsAreAbsent]
public sealed record MeshConfig
{
    /// <summary>Outbound capture port (15001).</summary>
    public int? ProxyListenPort { get; init; }

    /// <summary>Inbound capture port (15006).</summary>
    public int? ProxyInboundListenPort { get; init; }

    /// <summary>Port of an HTTP PROXY listener, when set.</summary>
    public int? ProxyHttpPort { get; init; }

    /// <summary>Upstream connection timeout (10s; 1ms to 30s).</summary>
    public Duration? ConnectTimeout { get; init; }

    /// <summary>How long protocol sniffing waits for the client's first bytes (0s: no timeout).</summary>
    public Duration? ProtocolDetectionTimeout { get; init; }

    public TcpKeepalive? TcpKeepalive { get; init; }

    /// <summary>The Ingress class Istio acts on (istio).</summary>
    public string? IngressClass { get; init; }

    /// <summary>The ingress gateway's Service (istio-ingressgateway).</summary>
    public string? IngressService { get; init; }

    public IngressControllerMode? IngressControllerMode { get; init; }

    /// <summary>The <c>istio</c> label value of the gateway deployment serving Ingress resources.</summary>
    public string? IngressSelector { get; init; }

    /// <summary>Whether proxies generate trace spans and request ids (true).</summary>
    public bool? EnableTracing { get; init; }

    /// <summary>Access log path (/dev/stdout); empty disables access logs.</summary>
    public string? AccessLogFile { get; init; }

    /// <summary>Access log format (Envoy command operators); empty uses the default format.</summary>
    public string? AccessLogFormat { get; init; }

    public AccessLogEncoding? AccessLogEncoding { get; init; }

    public bool? EnableEnvoyAccessLogService { get; init; }

    public bool? DisableEnvoyListenerLog { get; init; }

    /// <summary>The proxy settings every proxy starts from; merged field by field with Istio's defaults.</summary>
    public MeshProxyConfig? DefaultConfig { get; init; }

    public MeshOutboundTrafficPolicy? OutboundTrafficPolicy { get; init; }

    public MeshInboundTrafficPolicy? InboundTrafficPolicy { get; init; }

    public IReadOnlyList<ConfigSource>? ConfigSources { get; init; }

    /// <summary>Whether clients use mTLS to servers that accept it when no DestinationRule says otherwise (true).</summary>
    public bool? EnableAutoMtls { get; init; }

    /// <summary>The SPIFFE trust domain of workload identities (cluster.local).</summary>
    public string? TrustDomain { get; init; }

    /// <summary>Trust domains treated as the same as <see cref="TrustDomain"/>.</summary>
    public IReadOnlyList<string>? TrustDomainAliases { get; init; }

    /// <summary>Extra roots trusted for workload-to-workload mTLS.</summary>
    public IReadOnlyList<CertificateData>? CaCertificates { get; init; }

    /// <summary>Default exportTo of Services and ServiceEntries (["*"]).</summary>
    public IReadOnlyList<string>? DefaultServiceExportTo { get; init; }

    /// <summary>Default exportTo of VirtualServices (["*"]).</summary>
    public IReadOnlyList<string>? DefaultVirtualServiceExportTo { get; init; }

    /// <summary>Default exportTo of DestinationRules (["*"]).</summary>
    public IReadOnlyList<string>? DefaultDestinationRuleExportTo { get; init; }

    /// <summary>The namespace whose policies apply mesh-wide (istio-system).</summary>
    public string? RootNamespace { get; init; }

    public LocalityLoadBalancerSetting? LocalityLbSetting { get; init; }

    /// <summary>Refresh rate of DNS-resolved clusters after a failed lookup (60s).</summary>
    public Duration? DnsRefreshRate { get; init; }

    public MeshH2UpgradePolicy? H2UpgradePolicy { get; init; }

    /// <summary>Stat name pattern of inbound clusters (<c>%SERVICE%</c>, <c>%SERVICE_PORT%</c>, ...).</summary>
    public string? InboundClusterStatName { get; init; }

    /// <summary>Stat name pattern of outbound clusters.</summary>
    public string? OutboundClusterStatName { get; init; }

    /// <summary>Deprecated DNS certificate provisioning (hidden from Istio's docs, still read).</summary>
    public IReadOnlyList<Certificate>? Certificates { get; init; }

    public IReadOnlyList<ServiceSettings>? ServiceSettings { get; init; }

    /// <summary>Whether the agent merges application metrics with the proxy's (true).</summary>
    public bool? EnablePrometheusMerge { get; init; }

    /// <summary>Deprecated: clients verify server certificates for SIMPLE and MUTUAL TLS (true).</summary>
    public bool? VerifyCertificateAtClient { get; init; }

    /// <summary>An external CA istiod forwards workload CSRs to.</summary>
    public MeshCa? Ca { get; init; }

    /// <summary>Tracing, metrics, access logging and authorization backends, by name.</summary>
    public IReadOnlyList<ExtensionProvider>? ExtensionProviders { get; init; }

    public DefaultProviders? DefaultProviders { get; init; }

    /// <summary>The namespaces the control plane watches; absent means all.</summary>
    public IReadOnlyList<LabelSelector>? DiscoverySelectors { get; init; }

    public ProxyPathNormalization? PathNormalization { get; init; }

    /// <summary>The retry policy of routes without one (2 attempts).</summary>
    public HttpRetry? DefaultHttpRetryPolicy { get; init; }

    /// <summary>TLS settings of ISTIO_MUTUAL traffic.</summary>
    [Wire("meshMTLS")]
    public TlsConfig? MeshMtls { get; init; }

    /// <summary>TLS settings of every other TLS origination.</summary>
    public TlsConfig? TlsDefaults { get; init; }

    /// <summary>A TLS compliance policy enforced everywhere (<c>fips-140-2</c>), or empty.</summary>
    public string? CompliancePolicy { get; init; }
}
