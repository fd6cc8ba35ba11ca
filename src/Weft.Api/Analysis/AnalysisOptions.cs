namespace Weft.Api.Analysis;

/// <summary>What an analysis run may depend on besides the objects.</summary>
public sealed record AnalysisOptions
{
    public static AnalysisOptions Default { get; } = new();

    /// <summary>Istio's root namespace (policies there are mesh-wide).</summary>
    public string RootNamespace { get; init; } = "istio-system";

    /// <summary>The DNS suffix of service names: <c>name.namespace.svc.cluster.local</c>.</summary>
    public string DomainSuffix { get; init; } = "cluster.local";

    /// <summary>Run only the analyzers with these names (Istio's, e.g. "virtualservice.GatewayAnalyzer"); all when null.</summary>
    public IReadOnlyCollection<string>? Only { get; init; }
}
