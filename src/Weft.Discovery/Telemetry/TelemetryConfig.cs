using System.Collections.Immutable;

namespace Weft.Discovery.Telemetry;

/// <summary>
/// What the proxy reports and how: access log, Istio's standard metrics (with every label value
/// that comes from config precomputed by translation), trace sampling. The access log is on by
/// default, as Istio's demo profile.
/// </summary>
public sealed record TelemetryConfig
{
    public AccessLogConfig AccessLog { get; init; } = new();

    public bool MetricsEnabled { get; init; } = true;

    /// <summary>Share of requests traced, 0..100 (Istio's default sampling is 1%).</summary>
    public double TraceSamplingPercent { get; init; } = 1;

    /// <summary>OTLP endpoint for spans; null: tracing headers propagate but no spans are exported.</summary>
    public string? TracingEndpoint { get; init; }

    /// <summary>
    /// The proxy's own workload as metrics label it (source labels of its outbound requests,
    /// destination labels of its inbound ones). Null: derived from the node (name, namespace, labels).
    /// </summary>
    public PeerTelemetry? Self { get; init; }

    /// <summary>The workloads behind endpoint addresses, for destination labels of the source reporter.</summary>
    public ImmutableArray<PeerTelemetry> Peers { get; init; } = [];

    /// <summary>The service each cluster stands for (outbound and inbound), for the destination_service labels.</summary>
    public ImmutableArray<ClusterTelemetry> Clusters { get; init; } = [];

    /// <summary>
    /// The application's own metrics endpoint, merged into <c>/stats/prometheus</c> (Istio's
    /// metrics merging, from the workload's <c>prometheus.io/scrape</c>, <c>port</c> and <c>path</c>
    /// annotations). Null: no merging.
    /// </summary>
    public AppMetricsTarget? AppMetrics { get; init; }

    /// <summary>Telemetry API metric overrides, in the order they apply.</summary>
    public ImmutableArray<MetricOverride> MetricOverrides { get; init; } = [];

    /// <summary>Telemetry API tracing custom tags, added to every span.</summary>
    public ImmutableArray<TraceTag> TraceCustomTags { get; init; } = [];
}

public sealed record AccessLogConfig
{
    public bool Enabled { get; init; } = true;

    public AccessLogFormat Format { get; init; } = AccessLogFormat.Text;

    /// <summary>A file path, or <c>/dev/stdout</c>.</summary>
    public string Path { get; init; } = "/dev/stdout";

    /// <summary>
    /// The Telemetry API filter compiled to response codes: a request is logged when its code is in
    /// one of these ranges. Empty: every request. (<c>response.code >= 400</c> is <c>[400..999]</c>.)
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<CodeRange> ResponseCodes { get; init; } = [];

    /// <summary>The filter as written, shown by config dumps.</summary>
    public string? FilterExpression { get; init; }

    /// <summary>Whether a request that ended with <paramref name="code"/> passes the filter.</summary>
    public bool Accepts(int code)
    {
        var ranges = ResponseCodes;
        if (ranges.IsDefaultOrEmpty)
            return true;
        foreach (var r in ranges)
            if (code >= r.From && code <= r.To)
                return true;
        return false;
    }
}

public enum AccessLogFormat
{
    /// <summary>Istio's default Envoy text format.</summary>
    Text,
    Json,
}
