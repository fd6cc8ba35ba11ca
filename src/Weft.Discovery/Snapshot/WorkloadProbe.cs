using System.Collections.Immutable;

namespace Weft.Discovery.Snapshot;

/// <summary>
/// The readiness probe of the WorkloadGroup the proxy's workload belongs to (its
/// <c>spec.probe</c>), run by the sidecar as Istio's agent does on a VM. Exactly one of
/// <see cref="HttpGet"/>, <see cref="TcpSocket"/>, <see cref="Exec"/>, <see cref="Grpc"/> is set;
/// Kubernetes' defaults are filled in by translation.
/// </summary>
public sealed record WorkloadProbe
{
    public TimeSpan InitialDelay { get; init; }
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
    public int SuccessThreshold { get; init; } = 1;
    public int FailureThreshold { get; init; } = 3;
    public HttpGetProbe? HttpGet { get; init; }
    public TcpSocketProbe? TcpSocket { get; init; }
    public ExecProbe? Exec { get; init; }
    public GrpcProbe? Grpc { get; init; }
}

/// <summary>HTTP GET: any status from 200 to 399 is a success. Host empty: the workload's app address.</summary>
public sealed record HttpGetProbe(int Port, string Path = "/", string? Host = null, string Scheme = "HTTP")
{
    public ImmutableArray<HeaderValue> Headers { get; init; } = [];
}

/// <summary>A TCP connection that opens is a success.</summary>
public sealed record TcpSocketProbe(int Port, string? Host = null);

/// <summary>A command run by the sidecar; exit status 0 is a success.</summary>
public sealed record ExecProbe(ImmutableArray<string> Command);

/// <summary>gRPC health checking protocol (grpc.health.v1.Health/Check): SERVING is a success.</summary>
public sealed record GrpcProbe(int Port, string? Service = null);
