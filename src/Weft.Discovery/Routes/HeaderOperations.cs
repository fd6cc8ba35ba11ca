using System.Collections.Immutable;
using Weft.Discovery.Snapshot;

namespace Weft.Discovery.Routes;

/// <summary>Istio's header manipulation, applied in the order remove, set, add.</summary>
public sealed record HeaderOperations
{
    public ImmutableArray<HeaderValue> Set { get; init; } = [];

    public ImmutableArray<HeaderValue> Add { get; init; } = [];

    public ImmutableArray<string> Remove { get; init; } = [];
}
