namespace Weft.Api.Model.Networking;

/// <summary>A gRPC health protocol readiness check.</summary>
public sealed record GrpcHealthCheckConfig
{
    public uint? Port { get; init; }
    public string? Service { get; init; }
}
