using Weft.Api.Binding;

namespace Weft.Api.Model.Telemetry;

/// <summary>MetricSelector.IstioMetric: Istio's standard metrics.</summary>
[WireCase(WireCase.UpperSnake)]
public enum IstioMetric
{
    AllMetrics,
    /// <summary>istio_requests_total</summary>
    RequestCount,
    /// <summary>istio_request_duration_milliseconds</summary>
    RequestDuration,
    /// <summary>istio_request_bytes</summary>
    RequestSize,
    /// <summary>istio_response_bytes</summary>
    ResponseSize,
    /// <summary>istio_tcp_connections_opened_total</summary>
    TcpOpenedConnections,
    /// <summary>istio_tcp_connections_closed_total</summary>
    TcpClosedConnections,
    /// <summary>istio_tcp_sent_bytes_total</summary>
    TcpSentBytes,
    /// <summary>istio_tcp_received_bytes_total</summary>
    TcpReceivedBytes,
    /// <summary>istio_request_messages_total</summary>
    GrpcRequestMessages,
    /// <summary>istio_response_messages_total</summary>
    GrpcResponseMessages,
}
