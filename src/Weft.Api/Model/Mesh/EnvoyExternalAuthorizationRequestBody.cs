using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>How much of the request body an ext_authz check carries.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyExternalAuthorizationRequestBody
{
    public uint? MaxRequestBytes { get; init; }
    public bool? AllowPartialMessage { get; init; }
    public bool? PackAsBytes { get; init; }
}
