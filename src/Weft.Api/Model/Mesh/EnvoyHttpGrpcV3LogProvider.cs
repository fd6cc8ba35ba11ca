using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Envoy's gRPC access log service, for HTTP traffic.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyHttpGrpcV3LogProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public string? LogName { get; init; }
    public IReadOnlyList<string>? FilterStateObjectsToLog { get; init; }
    public IReadOnlyList<string>? AdditionalRequestHeadersToLog { get; init; }
    public IReadOnlyList<string>? AdditionalResponseHeadersToLog { get; init; }
    public IReadOnlyList<string>? AdditionalResponseTrailersToLog { get; init; }
}
