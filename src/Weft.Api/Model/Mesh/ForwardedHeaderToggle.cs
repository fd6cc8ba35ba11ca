using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>A forwarding header the proxy only adds when enabled (x-forwarded-host, x-forwarded-port).</summary>
[WireNullsAreAbsent]
public sealed record ForwardedHeaderToggle
{
    public bool? Enabled { get; init; }
}
