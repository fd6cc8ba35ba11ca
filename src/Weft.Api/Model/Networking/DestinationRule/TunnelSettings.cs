using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Tunnel TCP to the destination through an HTTP CONNECT or POST proxy.</summary>
[WireNullsAreAbsent]
public sealed record TunnelSettings
{
    public string? Protocol { get; init; }
    public string? TargetHost { get; init; }
    public uint? TargetPort { get; init; }
}
