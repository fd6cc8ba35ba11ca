namespace Weft.Proxy.Telemetry;

/// <summary>One line of the access log: the fields of Istio's default Envoy format, "-" when absent.</summary>
public sealed record AccessLogEntry
{
    public required DateTimeOffset StartTime { get; init; }
    public string Method { get; init; } = "-";
    public string Path { get; init; } = "-";
    public string Protocol { get; init; } = "-";
    public int ResponseCode { get; init; }
    public string ResponseFlags { get; init; } = "-";
    public string ResponseCodeDetails { get; init; } = "-";
    public string ConnectionTerminationDetails { get; init; } = "-";
    public string UpstreamTransportFailureReason { get; init; } = "-";
    public long BytesReceived { get; init; }
    public long BytesSent { get; init; }
    public long DurationMs { get; init; }
    public string UpstreamServiceTime { get; init; } = "-";
    public string XForwardedFor { get; init; } = "-";
    public string UserAgent { get; init; } = "-";
    public string RequestId { get; init; } = "-";
    public string Authority { get; init; } = "-";
    public string UpstreamHost { get; init; } = "-";
    public string UpstreamCluster { get; init; } = "-";
    public string UpstreamLocalAddress { get; init; } = "-";
    public string DownstreamLocalAddress { get; init; } = "-";
    public string DownstreamRemoteAddress { get; init; } = "-";
    public string RequestedServerName { get; init; } = "-";
    public string RouteName { get; init; } = "-";
}
