using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>An Apache SkyWalking receiver.</summary>
[WireNullsAreAbsent]
public sealed record SkyWalkingTracingProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public string? AccessToken { get; init; }
}
