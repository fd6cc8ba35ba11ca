using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Slow start: a new endpoint's share of traffic grows over a duration.</summary>
[WireNullsAreAbsent]
public sealed record WarmupConfiguration
{
    public Duration? Duration { get; init; }
    public double? MinimumPercent { get; init; }
    public double? Aggression { get; init; }
}
