namespace Weft.Api.Model.Networking;

/// <summary>Traffic from one locality, spread over other localities by weight (summing to 100).</summary>
public sealed record LocalityDistribute
{
    public string? From { get; init; }
    public IReadOnlyDictionary<string, uint>? To { get; init; }
}
