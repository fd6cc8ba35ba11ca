using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// What a connection whose mesh TLS the proxy terminated carries: the negotiated ALPN (so Kestrel
/// picks HTTP/2 or HTTP/1.1), the client certificate, and the peer's verified SPIFFE id, which
/// authorization and x-forwarded-client-cert read.
/// </summary>
public sealed class MeshTlsFeature(X509Certificate2? peerCertificate, string? peerIdentity, ReadOnlyMemory<byte> applicationProtocol, X509Certificate2 localCertificate)
    : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    public X509Certificate2? ClientCertificate { get; set; } = peerCertificate;

    public ReadOnlyMemory<byte> ApplicationProtocol { get; } = applicationProtocol;

    /// <summary>The peer's SPIFFE id (<c>spiffe://TD/ns/NS/sa/SA</c>), checked against the mesh roots.</summary>
    public string? PeerIdentity { get; } = peerIdentity;

    /// <summary>This proxy's certificate the peer saw (for XFCC's By=).</summary>
    public X509Certificate2 LocalCertificate { get; } = localCertificate;

    private string? _xfcc;

    /// <summary>
    /// Envoy's x-forwarded-client-cert for this connection (<c>By=...;Hash=...;Subject="";URI=...</c>:
    /// this proxy's identity, the SHA-256 of the peer's certificate, its subject and SPIFFE id),
    /// made once per connection.
    /// </summary>
    public string ForwardedClientCert => _xfcc ??= Format();

    private string Format()
    {
        var by = Weft.Identity.Certificates.SubjectAltNames.Of(LocalCertificate).Uris is [var local] ? local : "";
        var hash = ClientCertificate is { } peer ? Convert.ToHexStringLower(peer.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)) : "";
        var subject = ClientCertificate?.Subject ?? "";
        return $"By={by};Hash={hash};Subject=\"{subject}\";URI={PeerIdentity}";
    }

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
}
