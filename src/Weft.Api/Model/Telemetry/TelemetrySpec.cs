using Weft.Api.Model.Istio;

namespace Weft.Api.Model.Telemetry;

/// <summary>istio.telemetry.v1alpha1.Telemetry.</summary>
public sealed record TelemetrySpec
{
    public WorkloadSelector? Selector { get; init; }
    public PolicyTargetReference? TargetRef { get; init; }
    public IReadOnlyList<PolicyTargetReference>? TargetRefs { get; init; }
    public IReadOnlyList<Tracing>? Tracing { get; init; }
    public IReadOnlyList<Metrics>? Metrics { get; init; }
    public IReadOnlyList<AccessLogging>? AccessLogging { get; init; }
}
