using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Caps concurrent retries to a share of active requests, with a floor.</summary>
[WireNullsAreAbsent]
public sealed record RetryBudget
{
    public double? Percent { get; init; }
    public uint? MinRetryConcurrency { get; init; }
    public Duration? BudgetInterval { get; init; }
}
