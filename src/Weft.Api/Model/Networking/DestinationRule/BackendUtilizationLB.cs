using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Weights endpoints by the utilization they report (ORCA).</summary>
[WireNullsAreAbsent]
public sealed record BackendUtilizationLB
{
    public Duration? WeightUpdatePeriod { get; init; }
    public Duration? WeightExpirationPeriod { get; init; }
    public Duration? WeightStabilizationPeriod { get; init; }
    public uint? ErrorUtilizationPenaltyPercent { get; init; }
    public IReadOnlyList<string>? MetricNamesForComputingUtilization { get; init; }
}
