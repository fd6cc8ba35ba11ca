namespace Weft.Discovery.Routes;

/// <summary>Istio fault injection: a delay and/or an abort, each applied to a percentage of requests.</summary>
public sealed record FaultPolicy
{
    public FaultDelay? Delay { get; init; }

    public FaultAbort? Abort { get; init; }
}

/// <summary>Delay a percentage (0..100) of requests by FixedDelay.</summary>
public sealed record FaultDelay
{
    public required TimeSpan FixedDelay { get; init; }

    public double Percent { get; init; } = 100;
}

/// <summary>Answer a percentage (0..100) of requests with HttpStatus, or with GrpcStatus for gRPC.</summary>
public sealed record FaultAbort
{
    public int? HttpStatus { get; init; }

    public int? GrpcStatus { get; init; }

    public double Percent { get; init; } = 100;
}
