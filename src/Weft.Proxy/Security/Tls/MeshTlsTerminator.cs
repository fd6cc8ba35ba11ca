using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Weft.Identity.Certificates;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// Terminates mesh mTLS on an inbound connection the dispatcher saw start with a ClientHello:
/// handshake with the workload certificate (ALPN h2, http/1.1; a client certificate the mesh
/// roots vouch for is required), then the connection's transport becomes the decrypted stream
/// and carries a <see cref="MeshTlsFeature"/>. Dispose the result when the connection ends.
/// </summary>
internal sealed partial class MeshTlsTerminator : IAsyncDisposable
{
    /// <summary>A client that has not finished its handshake in this long is dropped (Envoy's default transport socket connect timeout is 10 s).</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly ConnectionContext _conn;
    private readonly IDuplexPipe _original;
    private readonly SslStream _ssl;

    private MeshTlsTerminator(ConnectionContext conn, SslStream ssl)
    {
        _conn = conn;
        _original = conn.Transport;
        _ssl = ssl;
    }

    public static async Task<MeshTlsTerminator?> AcceptAsync(ConnectionContext conn, MeshTls tls, string listener, ILogger log)
    {
        if (tls.ServerOptions() is not { } options)
            return null;
        var ssl = new SslStream(new DuplexPipeStream(conn.Transport), leaveInnerStreamOpen: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(options, timeout.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or CryptographicException)
        {
            LogHandshakeFailed(log, listener, conn.RemoteEndPoint?.ToString() ?? "-", e.InnerException?.Message ?? e.Message);
            await ssl.DisposeAsync();
            return null;
        }
        var peer = ssl.RemoteCertificate as X509Certificate2 ?? (ssl.RemoteCertificate is { } rc ? new X509Certificate2(rc) : null);
        string? identity = null;
        if (peer is not null && SubjectAltNames.Of(peer).Uris is [var uri])
            identity = uri;
        var feature = new MeshTlsFeature(peer, identity, ssl.NegotiatedApplicationProtocol.Protocol, (X509Certificate2)options.ServerCertificateContext!.TargetCertificate);
        conn.Features.Set<ITlsConnectionFeature>(feature);
        conn.Features.Set<ITlsApplicationProtocolFeature>(feature);
        conn.Features.Set(feature);
        var terminator = new MeshTlsTerminator(conn, ssl);
        conn.Transport = new StreamDuplexPipe(ssl);
        return terminator;
    }

    public async ValueTask DisposeAsync()
    {
        _conn.Transport = _original;
        await _ssl.DisposeAsync();
    }

    [LoggerMessage(5802, LogLevel.Information, "Closed a connection on listener {Listener} from {Remote}: mesh TLS handshake failed: {Reason}")]
    private static partial void LogHandshakeFailed(ILogger log, string listener, string remote, string reason);
}
