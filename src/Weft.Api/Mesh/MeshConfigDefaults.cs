using Weft.Api.Binding;
using Weft.Api.Model;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Networking;

namespace Weft.Api.Mesh;

/// <summary>
/// Istio's defaults for mesh-wide settings (pkg/config/mesh: DefaultMeshConfig, DefaultProxyConfig)
/// and how a user's document is laid over them: a field written replaces the default whole, except
/// <c>defaultConfig</c> (merged field by field, its <c>proxyMetadata</c> key by key),
/// <c>extensionProviders</c> (merged by name) and <c>trustDomainAliases</c> (united). Each call
/// builds new objects, so no caller can change another's defaults.
/// </summary>
public static class MeshConfigDefaults
{
    /// <summary>The mesh Istio runs when its ConfigMap is empty.</summary>
    public static MeshConfig Mesh() => new()
    {
        ProxyListenPort = 15001,
        ProxyInboundListenPort = 15006,
        ConnectTimeout = new Duration("10s"),
        ProtocolDetectionTimeout = new Duration("0s"),
        IngressClass = "istio",
        IngressService = "istio-ingressgateway",
        IngressControllerMode = IngressControllerMode.Strict,
        EnableTracing = true,
        AccessLogFile = "",
        AccessLogFormat = "",
        AccessLogEncoding = AccessLogEncoding.Text,
        EnableEnvoyAccessLogService = false,
        DefaultConfig = Proxy(),
        OutboundTrafficPolicy = new MeshOutboundTrafficPolicy { Mode = OutboundTrafficMode.AllowAny },
        InboundTrafficPolicy = new MeshInboundTrafficPolicy { Mode = InboundTrafficMode.Passthrough },
        EnableAutoMtls = true,
        TrustDomain = "cluster.local",
        TrustDomainAliases = [],
        DefaultServiceExportTo = ["*"],
        DefaultVirtualServiceExportTo = ["*"],
        DefaultDestinationRuleExportTo = ["*"],
        RootNamespace = "istio-system",
        LocalityLbSetting = new LocalityLoadBalancerSetting { Enabled = true },
        // Envoy re-resolves failed lookups at this rate; 60s keeps DNS servers from being hammered.
        DnsRefreshRate = new Duration("60s"),
        Certificates = [],
        ServiceSettings = [],
        EnablePrometheusMerge = true,
        DefaultProviders = new DefaultProviders(),
        ExtensionProviders =
        [
            new ExtensionProvider { Name = "prometheus", Prometheus = new PrometheusMetricsProvider() },
            new ExtensionProvider { Name = "stackdriver", Stackdriver = new StackdriverProvider() },
            new ExtensionProvider { Name = "envoy", EnvoyFileAccessLog = new EnvoyFileAccessLogProvider { Path = "/dev/stdout" } },
        ],
    };

    /// <summary>The proxy settings a proxy starts from.</summary>
    public static MeshProxyConfig Proxy() => new()
    {
        ConfigPath = "./etc/istio/proxy",
        BinaryPath = "/usr/local/bin/envoy",
        ServiceCluster = "istio-proxy",
        DrainDuration = new Duration("45s"),
        TerminationDrainDuration = new Duration("5s"),
        DiscoveryAddress = "istiod.istio-system.svc:15012",
        ProxyAdminPort = 15000,
        ControlPlaneAuthPolicy = ProxyAuthenticationPolicy.MutualTls,
        StatNameLength = 189,
        StatusPort = 15020,
        Tracing = new ProxyTracing { Zipkin = new TracingZipkin { Address = "zipkin.istio-system:9411" } },
    };

    /// <summary>The user's settings laid over the defaults, as Istio's ApplyMeshConfig does it.</summary>
    public static MeshConfig Apply(MeshConfig user)
    {
        var defaults = Mesh();
        return Overlay(defaults, user) with
        {
            DefaultConfig = ApplyProxy(defaults.DefaultConfig!, user.DefaultConfig),
            ExtensionProviders = MergeProviders(defaults.ExtensionProviders!, user.ExtensionProviders),
            TrustDomainAliases = (user.TrustDomainAliases ?? []).Concat(defaults.TrustDomainAliases ?? [])
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>A proxy config (a <c>defaultConfig</c> or a pod's annotation) laid over another.</summary>
    public static MeshProxyConfig ApplyProxy(MeshProxyConfig baseline, MeshProxyConfig? user)
    {
        if (user is null)
            return baseline;
        var merged = Overlay(baseline, user) with { ProxyMetadata = MergeMaps(baseline.ProxyMetadata, user.ProxyMetadata) };
        // serviceCluster and tracingServiceName are one protobuf oneof: writing one clears the other.
        if (user.TracingServiceName is not null && user.ServiceCluster is null)
            merged = merged with { ServiceCluster = null };
        if (user.ServiceCluster is not null && user.TracingServiceName is null)
            merged = merged with { TracingServiceName = null };
        return merged;
    }

    /// <summary>Every field the top object sets, the others from the baseline (one level: fields are replaced whole).</summary>
    internal static T Overlay<T>(T baseline, T top) where T : class
    {
        var result = (T)Activator.CreateInstance(typeof(T))!;
        foreach (var f in Shapes.ForObject(typeof(T)).Fields)
            f.Property.SetValue(result, f.Property.GetValue(top) ?? f.Property.GetValue(baseline));
        return result;
    }

    // A provider of a default's name replaces that default in place; others are added after the defaults.
    private static List<ExtensionProvider> MergeProviders(IReadOnlyList<ExtensionProvider> defaults, IReadOnlyList<ExtensionProvider>? user)
    {
        var merged = defaults.ToList();
        foreach (var p in user ?? [])
        {
            var at = merged.FindIndex(d => d.Name == p.Name);
            if (at >= 0)
                merged[at] = p;
            else
                merged.Add(p);
        }
        return merged;
    }

    private static Dictionary<string, string>? MergeMaps(IReadOnlyDictionary<string, string>? baseline, IReadOnlyDictionary<string, string>? top)
    {
        if (baseline is null && top is null)
            return null;
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in baseline ?? new Dictionary<string, string>())
            merged[k] = v;
        foreach (var (k, v) in top ?? new Dictionary<string, string>())
            merged[k] = v;
        return merged;
    }
}
