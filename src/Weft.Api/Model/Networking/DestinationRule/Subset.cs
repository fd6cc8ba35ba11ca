using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A named group of a service's endpoints, selected by labels, with its own traffic policy.</summary>
[WireNullsAreAbsent]
public sealed record Subset
{
    public string? Name { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public TrafficPolicy? TrafficPolicy { get; init; }
}
