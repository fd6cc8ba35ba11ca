namespace Weft.Api.Model.Telemetry;

/// <summary>Metrics: which providers receive metrics, how often, and which metrics or tags are changed.</summary>
public sealed record Metrics
{
    /// <summary>Absent means MeshConfig defaultProviders.metrics.</summary>
    public IReadOnlyList<ProviderRef>? Providers { get; init; }

    /// <summary>Applied in order: later overrides win.</summary>
    public IReadOnlyList<MetricsOverrides>? Overrides { get; init; }

    /// <summary>How often metrics are flushed to the provider (at least 1ms).</summary>
    public Duration? ReportingInterval { get; init; }
}
