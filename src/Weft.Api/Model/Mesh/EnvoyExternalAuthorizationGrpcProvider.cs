using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>An ext_authz server spoken to over gRPC.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyExternalAuthorizationGrpcProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public Duration? Timeout { get; init; }
    public bool? FailOpen { get; init; }
    public string? StatusOnError { get; init; }
    public EnvoyExternalAuthorizationRequestBody? IncludeRequestBodyInCheck { get; init; }
}
