namespace Weft.Discovery.Routes;

/// <summary>
/// A shadow copy of the request to another cluster: Host/Authority gets <c>-shadow</c> appended,
/// fire and forget, its response discarded. Percent 0..100 (Istio mirrorPercentage, default 100).
/// </summary>
public sealed record MirrorPolicy
{
    public required string Cluster { get; init; }

    public double Percent { get; init; } = 100;
}
