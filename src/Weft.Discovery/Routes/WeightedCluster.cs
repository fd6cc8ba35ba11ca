namespace Weft.Discovery.Routes;

/// <summary>One destination of a route: a cluster, its weight, and its own header operations.</summary>
public sealed record WeightedCluster
{
    public required string Name { get; init; }

    public int Weight { get; init; } = 100;

    public HeaderOperations? RequestHeaders { get; init; }

    public HeaderOperations? ResponseHeaders { get; init; }
}
