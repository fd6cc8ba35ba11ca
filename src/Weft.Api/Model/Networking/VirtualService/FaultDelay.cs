using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>HTTPFaultInjection.Delay: wait before forwarding.</summary>
[WireNullsAreAbsent]
public sealed record FaultDelay
{
    /// <summary>Deprecated integer percentage; <see cref="Percentage"/> replaces it.</summary>
    public int? Percent { get; init; }

    public Duration? FixedDelay { get; init; }
    public Duration? ExponentialDelay { get; init; }
    public Percent? Percentage { get; init; }
}
