using Weft.Discovery.Routes;

namespace Weft.Proxy.Routing;

/// <summary>A retry policy with its conditions as bit flags, checked per attempt without allocating.</summary>
public sealed class CompiledRetryPolicy
{
    [Flags]
    public enum On
    {
        None = 0,
        Server5xx = 1,
        GatewayError = 2,
        Reset = 4,
        ConnectFailure = 8,
        RefusedStream = 16,
        Retriable4xx = 32,
        RetriableStatusCodes = 64,
        GrpcCancelled = 128,
        GrpcDeadlineExceeded = 256,
        GrpcInternal = 512,
        GrpcResourceExhausted = 1024,
        GrpcUnavailable = 2048,
    }

    public CompiledRetryPolicy(RetryPolicy p)
    {
        Attempts = p.Attempts;
        PerTryTimeout = p.PerTryTimeout is { } t && t > TimeSpan.Zero ? t : null;
        RetryOtherHosts = p.RetryOtherHosts;
        BackoffBase = p.BackoffBase;
        BackoffMax = p.BackoffMax ?? p.BackoffBase * 10;
        StatusCodes = p.RetriableStatusCodes.IsDefault ? [] : [.. p.RetriableStatusCodes];
        foreach (var s in p.RetryOn.IsDefault ? [] : p.RetryOn)
        {
            Conditions |= s switch
            {
                "5xx" => On.Server5xx,
                "gateway-error" => On.GatewayError,
                "reset" => On.Reset,
                "connect-failure" => On.ConnectFailure,
                "refused-stream" => On.RefusedStream,
                "retriable-4xx" => On.Retriable4xx,
                "retriable-status-codes" => On.RetriableStatusCodes,
                "cancelled" => On.GrpcCancelled,
                "deadline-exceeded" => On.GrpcDeadlineExceeded,
                "internal" => On.GrpcInternal,
                "resource-exhausted" => On.GrpcResourceExhausted,
                "unavailable" => On.GrpcUnavailable,
                _ => On.None,
            };
        }
    }

    public int Attempts { get; }

    public TimeSpan? PerTryTimeout { get; }

    public bool RetryOtherHosts { get; }

    public TimeSpan BackoffBase { get; }

    public TimeSpan BackoffMax { get; }

    public On Conditions { get; }

    public int[] StatusCodes { get; }

    public bool IsRetriableStatus(int status, int grpcStatus)
    {
        var c = Conditions;
        if ((c & On.Server5xx) != 0 && status >= 500)
            return true;
        if ((c & On.GatewayError) != 0 && status is 502 or 503 or 504)
            return true;
        if ((c & On.Retriable4xx) != 0 && status == 409)
            return true;
        if ((c & On.RetriableStatusCodes) != 0 && Array.IndexOf(StatusCodes, status) >= 0)
            return true;
        return grpcStatus switch
        {
            1 => (c & On.GrpcCancelled) != 0,
            4 => (c & On.GrpcDeadlineExceeded) != 0,
            8 => (c & On.GrpcResourceExhausted) != 0,
            13 => (c & On.GrpcInternal) != 0,
            14 => (c & On.GrpcUnavailable) != 0,
            _ => false,
        };
    }

    public bool IsRetriableFailure(Forwarding.UpstreamFailure f)
    {
        var c = Conditions;
        return f switch
        {
            Forwarding.UpstreamFailure.ConnectFailure => (c & (On.ConnectFailure | On.Server5xx | On.GatewayError | On.Reset)) != 0,
            Forwarding.UpstreamFailure.RefusedStream => (c & (On.RefusedStream | On.Server5xx | On.Reset)) != 0,
            Forwarding.UpstreamFailure.ConnectionTermination or Forwarding.UpstreamFailure.RemoteReset => (c & (On.Reset | On.Server5xx)) != 0,
            Forwarding.UpstreamFailure.PerTryTimeout => (c & (On.Reset | On.Server5xx | On.GatewayError)) != 0,
            _ => false,
        };
    }
}
