using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>A header the proxy adds unless disabled (x-request-id, x-envoy-attempt-count, x-envoy-* debug headers).</summary>
[WireNullsAreAbsent]
public sealed record ProxyHeaderToggle
{
    public bool? Disabled { get; init; }
}
