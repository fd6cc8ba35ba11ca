namespace Weft.Api.Analysis.Support;

/// <summary>A host of the mesh: a ServiceEntry host, or a Service's <c>name.namespace.svc.cluster.local</c>.</summary>
internal sealed record ServiceHost(string Host, IReadOnlyList<ServicePortInfo> Ports,
    IReadOnlyDictionary<string, string>? WorkloadSelector, AnalysisInput Declaration);
