namespace Weft.Api.Model.Istio;

/// <summary>istio.type.v1beta1.WorkloadSelector: the workloads (by labels) a policy or resource applies to.</summary>
public sealed record WorkloadSelector
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
}

/// <summary>istio.type.v1beta1.PolicyTargetReference: a Gateway API resource a policy attaches to.</summary>
public sealed record PolicyTargetReference
{
    public string? Group { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Namespace { get; init; }
}
