using Weft.Api.Analysis.Annotations;
using Weft.Api.Analysis.Authorization;
using Weft.Api.Analysis.Conditions;
using Weft.Api.Analysis.Deployments;
using Weft.Api.Analysis.Deprecation;
using Weft.Api.Analysis.DestinationRules;
using Weft.Api.Analysis.EnvoyFilters;
using Weft.Api.Analysis.Gateways;
using Weft.Api.Analysis.Injection;
using Weft.Api.Analysis.KubernetesGateways;
using Weft.Api.Analysis.Multicluster;
using Weft.Api.Analysis.ServiceEntries;
using Weft.Api.Analysis.Services;
using Weft.Api.Analysis.Sidecars;
using Weft.Api.Analysis.Telemetries;
using Weft.Api.Analysis.VirtualServices;

namespace Weft.Api.Analysis;

/// <summary>The list of analyzers, one line each, grouped as Istio's packages are.</summary>
internal static class AnalyzerCatalog
{
    public static IReadOnlyList<IAnalyzer> Create() =>
    [
        new K8sAnnotationsAnalyzer(),
        new ApplicationUidAnalyzer(),
        new AuthorizationPoliciesAnalyzer(),
        new PrincipalAnalyzer(),
        new ConditionAnalyzer(),
        new MultiServiceAnalyzer(),
        new DeprecationAnalyzer(),
        new CaCertificateAnalyzer(),
        new SubsetSelectPodAnalyzer(),
        new EnvoyPatchAnalyzer(),
        new ConflictingGatewayAnalyzer(),
        new GatewayCertificateAnalyzer(),
        new GatewaySecretAnalyzer(),
        new IngressGatewayPortAnalyzer(),
        new IneffectiveSelectorAnalyzer(),
        new MeshNetworksAnalyzer(),
        new UnreachableRulesAnalyzer(),
        new PortNameAnalyzer(),
        new ConflictingProtocolAnalyzer(),
        new ProtocolAddressesAnalyzer(),
        new SidecarSelectorAnalyzer(),
        new LightstepAnalyzer(),
        new TelemetryDefaultSelectorAnalyzer(),
        new TelemetryProviderAnalyzer(),
        new TelemetrySelectorAnalyzer(),
        new ConflictingMeshGatewayHostsAnalyzer(),
        new DestinationHostAnalyzer(),
        new DestinationRuleSubsetAnalyzer(),
        new JwtClaimRouteAnalyzer(),
        new VirtualServiceGatewayAnalyzer(),
    ];

    /// <summary>Analyzers that run only when asked for by name (too noisy to run by default, as in Istio).</summary>
    public static IReadOnlyList<IAnalyzer> CreateOptIn() =>
    [
        new AlphaAnnotationsAnalyzer(),
        // Weft follows OpenShift Service Mesh: namespaces join through the member roll and workloads
        // ask for their proxy one by one, so a namespace without an injection label is the norm, not a mistake.
        new InjectionAnalyzer(),
    ];
}
