using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Passive health checking: eject endpoints that keep failing, for a growing time.</summary>
[WireNullsAreAbsent]
public sealed record OutlierDetection
{
    /// <summary>Deprecated; <see cref="Consecutive5xxErrors"/> and <see cref="ConsecutiveGatewayErrors"/> replace it.</summary>
    public int? ConsecutiveErrors { get; init; }

    public bool? SplitExternalLocalOriginErrors { get; init; }
    public uint? ConsecutiveLocalOriginFailures { get; init; }
    public uint? ConsecutiveGatewayErrors { get; init; }
    public uint? Consecutive5xxErrors { get; init; }
    public Duration? Interval { get; init; }
    public Duration? BaseEjectionTime { get; init; }
    public int? MaxEjectionPercent { get; init; }
    public int? MinHealthPercent { get; init; }
    public IReadOnlyList<int>? OutlierDetectionHttpErrorCodes { get; init; }
}
