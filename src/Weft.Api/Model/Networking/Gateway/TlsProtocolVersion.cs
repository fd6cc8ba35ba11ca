using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>TLS protocol versions a server accepts.</summary>
[WireCase(WireCase.UpperSnake)]
public enum TlsProtocolVersion
{
    TlsAuto,
    [Wire("TLSV1_0")] Tls10,
    [Wire("TLSV1_1")] Tls11,
    [Wire("TLSV1_2")] Tls12,
    [Wire("TLSV1_3")] Tls13,
}
