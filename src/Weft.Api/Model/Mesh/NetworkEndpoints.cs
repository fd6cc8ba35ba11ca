using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Network.NetworkEndpoints: endpoints in a CIDR range, or every endpoint of a registry (one of them).</summary>
[WireNullsAreAbsent]
public sealed record NetworkEndpoints
{
    public string? FromCidr { get; init; }

    /// <summary>A registry (cluster) name, such as <c>Kubernetes</c>.</summary>
    public string? FromRegistry { get; init; }
}
