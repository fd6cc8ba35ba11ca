namespace Weft.Discovery.Telemetry;

/// <summary>Where the application serves its own Prometheus metrics (merged into the proxy's).</summary>
public sealed record AppMetricsTarget
{
    public required string Address { get; init; }

    public required int Port { get; init; }

    public string Path { get; init; } = "/metrics";
}
