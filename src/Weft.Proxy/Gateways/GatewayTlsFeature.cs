using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Weft.Proxy.Gateways;

/// <summary>What a connection whose TLS a gateway terminated carries: the ALPN result (HTTP/2 or HTTP/1.1 for Kestrel) and the client's certificate (MUTUAL).</summary>
public sealed class GatewayTlsFeature(X509Certificate2? clientCertificate, ReadOnlyMemory<byte> applicationProtocol, string? serverName)
    : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    public X509Certificate2? ClientCertificate { get; set; } = clientCertificate;

    public ReadOnlyMemory<byte> ApplicationProtocol { get; } = applicationProtocol;

    /// <summary>The SNI the client asked for.</summary>
    public string? ServerName { get; } = serverName;

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
}
