using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A gRPC health protocol readiness check.</summary>
[WireNullsAreAbsent]
public sealed record GrpcHealthCheckConfig
{
    public uint? Port { get; init; }
    public string? Service { get; init; }
}
