namespace Weft.Api.Model.Telemetry;

/// <summary>MetricSelector: one of Istio's standard metrics or a custom one (not both), and the side of the call.</summary>
public sealed record MetricSelector
{
    public IstioMetric? Metric { get; init; }
    public string? CustomMetric { get; init; }
    public WorkloadMode? Mode { get; init; }
}
