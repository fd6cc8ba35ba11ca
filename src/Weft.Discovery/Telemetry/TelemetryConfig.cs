namespace Weft.Discovery.Telemetry;

/// <summary>Slot for the telemetry issue. The access log is on by default, as Istio's demo profile.</summary>
public sealed record TelemetryConfig
{
    public AccessLogConfig AccessLog { get; init; } = new();

    public bool MetricsEnabled { get; init; } = true;

    /// <summary>Share of requests traced, 0..100 (Istio's default sampling is 1%).</summary>
    public double TraceSamplingPercent { get; init; } = 1;

    /// <summary>OTLP endpoint for spans; null: tracing headers propagate but no spans are exported.</summary>
    public string? TracingEndpoint { get; init; }
}

public sealed record AccessLogConfig
{
    public bool Enabled { get; init; } = true;

    public AccessLogFormat Format { get; init; } = AccessLogFormat.Text;

    /// <summary>A file path, or <c>/dev/stdout</c>.</summary>
    public string Path { get; init; } = "/dev/stdout";
}

public enum AccessLogFormat
{
    /// <summary>Istio's default Envoy text format.</summary>
    Text,
    Json,
}
