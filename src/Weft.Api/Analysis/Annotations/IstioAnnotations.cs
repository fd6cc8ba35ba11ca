using System.Collections.Frozen;

namespace Weft.Api.Analysis.Annotations;

/// <summary>
/// The annotations of Istio's API (istio.io/api annotation), by name. A workload's proxy settings
/// are read from these on its pod; the rest mark objects the control plane wrote or exported.
/// </summary>
public static class IstioAnnotations
{
    private const FeatureStatus Alpha = FeatureStatus.Alpha;
    private const FeatureStatus Beta = FeatureStatus.Beta;
    private const FeatureStatus Stable = FeatureStatus.Stable;

    public const string SidecarInject = "sidecar.istio.io/inject";
    public const string SidecarStatus = "sidecar.istio.io/status";
    public const string InterceptionMode = "sidecar.istio.io/interceptionMode";
    public const string IncludeInboundPorts = "traffic.sidecar.istio.io/includeInboundPorts";
    public const string ExcludeInboundPorts = "traffic.sidecar.istio.io/excludeInboundPorts";
    public const string IncludeOutboundIPRanges = "traffic.sidecar.istio.io/includeOutboundIPRanges";

    private static readonly string[] Pod = ["Pod"];

    public static IReadOnlyList<IstioAnnotation> All { get; } =
    [
        new(SidecarInject, Pod, Beta, Deprecated: true),
        new(SidecarStatus, Pod, Alpha),
        new("sidecar.istio.io/rewriteAppHTTPProbers", Pod, Beta),
        new("sidecar.istio.io/controlPlaneAuthPolicy", Pod, Alpha, Deprecated: true),
        new("sidecar.istio.io/discoveryAddress", Pod, Alpha, Deprecated: true),
        new("sidecar.istio.io/proxyImage", Pod, Alpha),
        new("sidecar.istio.io/proxyImageType", Pod, Alpha),
        new("sidecar.istio.io/proxyCPU", Pod, Beta),
        new("sidecar.istio.io/proxyCPULimit", Pod, Beta),
        new("sidecar.istio.io/proxyMemory", Pod, Beta),
        new("sidecar.istio.io/proxyMemoryLimit", Pod, Beta),
        new(InterceptionMode, Pod, Alpha),
        new("sidecar.istio.io/bootstrapOverride", Pod, Alpha),
        new("sidecar.istio.io/statsInclusionPrefixes", Pod, Alpha, Deprecated: true),
        new("sidecar.istio.io/statsInclusionSuffixes", Pod, Alpha, Deprecated: true),
        new("sidecar.istio.io/statsInclusionRegexps", Pod, Alpha, Deprecated: true),
        new("sidecar.istio.io/statsHistogramBuckets", Pod, Alpha),
        new("sidecar.istio.io/userVolume", Pod, Alpha),
        new("sidecar.istio.io/userVolumeMount", Pod, Alpha),
        new("sidecar.istio.io/enableCoreDump", Pod, Alpha),
        new("sidecar.istio.io/logLevel", Pod, Alpha),
        new("sidecar.istio.io/componentLogLevel", Pod, Alpha),
        new("sidecar.istio.io/agentLogLevel", Pod, Alpha),
        new("sidecar.istio.io/extraStatTags", Pod, Alpha),
        new("sidecar.istio.io/nativeSidecar", Pod, Alpha),
        new("status.sidecar.istio.io/port", Pod, Alpha),
        new("readiness.status.sidecar.istio.io/initialDelaySeconds", Pod, Alpha),
        new("readiness.status.sidecar.istio.io/periodSeconds", Pod, Alpha),
        new("readiness.status.sidecar.istio.io/failureThreshold", Pod, Alpha),
        new("readiness.status.sidecar.istio.io/applicationPorts", Pod, Alpha),
        new(IncludeOutboundIPRanges, Pod, Alpha),
        new("traffic.sidecar.istio.io/excludeOutboundIPRanges", Pod, Alpha),
        new(IncludeInboundPorts, Pod, Alpha),
        new(ExcludeInboundPorts, Pod, Alpha),
        new("traffic.sidecar.istio.io/includeOutboundPorts", Pod, Alpha),
        new("traffic.sidecar.istio.io/excludeOutboundPorts", Pod, Alpha),
        new("traffic.sidecar.istio.io/excludeInterfaces", Pod, Alpha),
        new("traffic.sidecar.istio.io/kubevirtInterfaces", Pod, Alpha, Deprecated: true),
        new("proxy.istio.io/config", Pod, Beta),
        new("proxy.istio.io/overrides", Pod, Alpha),
        new("inject.istio.io/templates", Pod, Alpha),
        new("prometheus.istio.io/merge-metrics", Pod, Alpha),
        new("security.istio.io/autoMTLS", Pod, Alpha),
        new("alpha.istio.io/identity", Pod, Alpha),
        new("ambient.istio.io/redirection", Pod, Beta),
        new("ambient.istio.io/bypass-inbound-capture", Pod, Alpha),
        new("istio.io/rev", [IstioAnnotation.AnyResource], Beta),
        new("networking.istio.io/exportTo", ["Service"], Alpha),
        new("networking.istio.io/traffic-distribution", ["Service", "ServiceEntry"], Beta),
        new("networking.istio.io/service-type", ["Gateway"], Beta),
        new("alpha.istio.io/kubernetes-serviceaccounts", ["Service"], Alpha),
        new("alpha.istio.io/canonical-serviceaccounts", ["Service"], Alpha),
        new("networking.alpha.istio.io/serviceVersion", ["ServiceEntry"], Alpha),
        new("networking.alpha.istio.io/endpointsVersion", ["ServiceEntry"], Alpha),
        new("networking.alpha.istio.io/notReadyEndpoints", ["ServiceEntry"], Alpha),
        new("istio.io/dry-run", ["AuthorizationPolicy"], Alpha),
        new("istio.io/autoRegistrationGroup", ["WorkloadEntry"], Alpha),
        new("istio.io/workloadController", ["WorkloadEntry"], Alpha),
        new("istio.io/connectedAt", ["WorkloadEntry"], Alpha),
        new("istio.io/disconnectedAt", ["WorkloadEntry"], Alpha),
        // Written by the gateway controller on what it deploys for a Gateway.
        new("gateway.istio.io/controller-version", [IstioAnnotation.AnyResource], Beta),
        new("gateway.istio.io/service-account", ["Gateway"], Alpha),
        new("install.operator.istio.io/chart-owner", [IstioAnnotation.AnyResource], Alpha),
        new("install.operator.istio.io/owner-generation", [IstioAnnotation.AnyResource], Alpha),
        new("install.operator.istio.io/version", [IstioAnnotation.AnyResource], Alpha),
        new("galley.istio.io/analyze-suppress", [IstioAnnotation.AnyResource], Alpha),
        new("kubernetes.io/ingress.class", ["Ingress"], Stable),
    ];

    private static readonly FrozenDictionary<string, IstioAnnotation> ByName = All.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);

    public static IstioAnnotation? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// Whether a pod's traffic capture is set up by the CNI plugin (no <c>istio-init</c> init container);
    /// the injector then writes the capture annotations itself, so they say nothing about the user's intent.
    /// </summary>
    public static bool SetByInjector(string annotation) =>
        annotation is InterceptionMode or IncludeInboundPorts or ExcludeInboundPorts or IncludeOutboundIPRanges;
}
