using Weft.Api.Mesh;
using Weft.Api.Model.Mesh;

namespace Weft.Api.Analysis;

/// <summary>What an analysis run may depend on besides the objects.</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The mesh-wide settings (Istio's defaults unless a MeshConfig was given).</summary>
    public MeshConfig Mesh { get; init; } = MeshConfigDefaults.Mesh();

    /// <summary>The mesh's networks, when a MeshNetworks document was given.</summary>
    public MeshNetworks? MeshNetworks { get; init; }

    /// <summary>Istio's root namespace (policies there are mesh-wide).</summary>
    public string RootNamespace => string.IsNullOrEmpty(Mesh.RootNamespace) ? IstioNamespace : Mesh.RootNamespace;

    /// <summary>The namespace the control plane and its default gateways run in.</summary>
    public string IstioNamespace { get; init; } = "istio-system";

    /// <summary>The DNS suffix of service names: <c>name.namespace.svc.cluster.local</c>.</summary>
    public string DomainSuffix { get; init; } = "cluster.local";

    /// <summary>The clock certificate validity is judged by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Run only the analyzers with these names (Istio's, e.g. "virtualservice.GatewayAnalyzer"); all when null.</summary>
    public IReadOnlyCollection<string>? Only { get; init; }
}
