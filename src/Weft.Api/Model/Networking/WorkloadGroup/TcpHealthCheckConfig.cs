using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A TCP connect readiness check.</summary>
[WireNullsAreAbsent]
public sealed record TcpHealthCheckConfig
{
    public string? Host { get; init; }
    public uint? Port { get; init; }
}
