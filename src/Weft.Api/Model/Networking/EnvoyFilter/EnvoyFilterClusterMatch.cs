using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.ClusterMatch.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterClusterMatch
{
    public uint? PortNumber { get; init; }
    public string? Service { get; init; }
    public string? Subset { get; init; }
    public string? Name { get; init; }
}
