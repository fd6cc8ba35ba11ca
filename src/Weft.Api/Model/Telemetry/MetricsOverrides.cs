namespace Weft.Api.Model.Telemetry;

/// <summary>MetricsOverrides: disables a metric or changes its tags.</summary>
public sealed record MetricsOverrides
{
    /// <summary>Absent matches every metric on both sides.</summary>
    public MetricSelector? Match { get; init; }

    public bool? Disabled { get; init; }

    /// <summary>Tag name to the change made to it.</summary>
    public IReadOnlyDictionary<string, TagOverride>? TagOverrides { get; init; }
}
