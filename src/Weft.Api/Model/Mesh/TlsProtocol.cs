using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.TLSConfig.TLSProtocol.</summary>
public enum TlsProtocol
{
    [Wire("TLS_AUTO")]
    TlsAuto,
    [Wire("TLSV1_2")]
    Tlsv12,
    [Wire("TLSV1_3")]
    Tlsv13,
}
