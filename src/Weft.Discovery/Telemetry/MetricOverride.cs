using System.Collections.Immutable;

namespace Weft.Discovery.Telemetry;

/// <summary>
/// One Telemetry API metric override, resolved by translation (root, then namespace, then
/// workload Telemetry, in that order: later ones win). The proxy applies them in order to the
/// metrics it serves.
/// </summary>
public sealed record MetricOverride
{
    /// <summary>Istio's metric name: <c>REQUEST_COUNT</c>, <c>REQUEST_DURATION</c>, <c>REQUEST_SIZE</c>, <c>RESPONSE_SIZE</c>, <c>TCP_OPENED_CONNECTIONS</c>, <c>TCP_CLOSED_CONNECTIONS</c>, <c>TCP_SENT_BYTES</c>, <c>TCP_RECEIVED_BYTES</c>, or <c>ALL_METRICS</c>.</summary>
    public string Metric { get; init; } = "ALL_METRICS";

    /// <summary><c>source</c> (mode CLIENT), <c>destination</c> (SERVER), or null for both.</summary>
    public string? Reporter { get; init; }

    /// <summary>Null: leaves the metric's enablement as it was.</summary>
    public bool? Disabled { get; init; }

    public ImmutableArray<TagChange> Tags { get; init; } = [];
}

/// <summary>Remove a label, or set it to a fixed value (added when the metric lacks it).</summary>
public sealed record TagChange
{
    public required string Name { get; init; }

    public bool Remove { get; init; }

    public string? Value { get; init; }
}
