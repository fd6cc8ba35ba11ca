using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Weft.Proxy.Listeners;

/// <summary>
/// Tells Kestrel a cleartext connection speaks HTTP/2. Kestrel picks HTTP/2 on an
/// Http1AndHttp2 endpoint only when ALPN said "h2", and cleartext has no ALPN; having seen the
/// HTTP/2 preface ourselves, we answer for ALPN. No ITlsHandshakeFeature is set, so Kestrel's
/// TLS-version checks for HTTP/2 do not apply.
/// </summary>
internal sealed class H2cPriorKnowledgeFeature : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    public static readonly H2cPriorKnowledgeFeature Instance = new();

    public X509Certificate2? ClientCertificate { get; set; }

    public ReadOnlyMemory<byte> ApplicationProtocol => "h2"u8.ToArray();

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
}
