using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Traffic from one locality, spread over other localities by weight (summing to 100).</summary>
[WireNullsAreAbsent]
public sealed record LocalityDistribute
{
    public string? From { get; init; }
    public IReadOnlyDictionary<string, uint>? To { get; init; }
}
