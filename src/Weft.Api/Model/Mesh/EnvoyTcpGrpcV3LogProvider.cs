using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Envoy's gRPC access log service, for TCP traffic.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyTcpGrpcV3LogProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public string? LogName { get; init; }
    public IReadOnlyList<string>? FilterStateObjectsToLog { get; init; }
}
