using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.TLSConfig: minimum TLS version, ECDH curves and cipher suites.</summary>
[WireNullsAreAbsent]
public sealed record TlsConfig
{
    public TlsProtocol? MinProtocolVersion { get; init; }
    public IReadOnlyList<string>? EcdhCurves { get; init; }
    public IReadOnlyList<string>? CipherSuites { get; init; }
}
