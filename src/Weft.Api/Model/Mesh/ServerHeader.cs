using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyHeaders.Server: the Server response header (istio-envoy), or another value, or none.</summary>
[WireNullsAreAbsent]
public sealed record ServerHeader
{
    public bool? Disabled { get; init; }
    public string? Value { get; init; }
}
