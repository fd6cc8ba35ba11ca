namespace Weft.Discovery.Clusters;

/// <summary>
/// Istio outlierDetection. An endpoint that returns Consecutive5xxErrors 5xx answers (connect
/// failures and timeouts count as 5xx, as Envoy without split local-origin errors) or
/// ConsecutiveGatewayErrors 502/503/504 answers in a row is ejected for BaseEjectionTime x the
/// times it was ejected, and comes back by itself at the first Interval sweep after that.
/// </summary>
public sealed record OutlierDetectionSettings
{
    /// <summary>Null or 0: this check is off.</summary>
    public int? Consecutive5xxErrors { get; init; } = 5;

    public int? ConsecutiveGatewayErrors { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan BaseEjectionTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this share of endpoints ejected at once; at least one can always be ejected.</summary>
    public int MaxEjectionPercent { get; init; } = 10;

    /// <summary>Below this share of healthy endpoints the cluster balances over all of them (panic).</summary>
    public int MinHealthPercent { get; init; }
}
