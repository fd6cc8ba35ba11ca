using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>How the agent on a registered workload checks that it is ready: one of HTTP GET, TCP, exec or gRPC.</summary>
[WireNullsAreAbsent]
public sealed record ReadinessProbe
{
    public int? InitialDelaySeconds { get; init; }
    public int? TimeoutSeconds { get; init; }
    public int? PeriodSeconds { get; init; }
    public int? SuccessThreshold { get; init; }
    public int? FailureThreshold { get; init; }
    public HttpHealthCheckConfig? HttpGet { get; init; }
    public TcpHealthCheckConfig? TcpSocket { get; init; }
    public ExecHealthCheckConfig? Exec { get; init; }
    public GrpcHealthCheckConfig? Grpc { get; init; }
}
