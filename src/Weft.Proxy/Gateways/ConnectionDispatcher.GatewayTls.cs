using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Weft.Proxy.Gateways;
using Weft.Proxy.Runtime;
using Weft.Proxy.Security.Tls;

namespace Weft.Proxy.Listeners;

/// <summary>The dispatcher's gateway TLS branch (kept beside the rest of the gateway code): SIMPLE and MUTUAL with the server's Secret, ISTIO_MUTUAL with the workload certificate, in front of HTTP or TCP.</summary>
internal sealed partial class ConnectionDispatcher
{
    /// <summary>A client that has not finished its handshake in this long is dropped (Envoy's transport socket connect timeout is 10 s).</summary>
    private static readonly TimeSpan GatewayHandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Terminates TLS with the chain's certificate (the one its SNI picked), then hands the
    /// decrypted connection to HTTP as plaintext would be, speaking what ALPN chose.
    /// </summary>
    private async Task TerminateGatewayTlsAsync(ConnectionContext conn, ConnectionDelegate next, CompiledListener listener, CompiledChain chain, GatewayTls tls, string? sni)
    {
        if (tls.UsesWorkloadCertificate)
        {
            await TerminateGatewayMeshTlsAsync(conn, next, listener, chain, sni);
            return;
        }
        var original = conn.Transport;
        await using var ssl = new SslStream(new DuplexPipeStream(original), leaveInnerStreamOpen: true);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed))
        {
            timeout.CancelAfter(GatewayHandshakeTimeout);
            try
            {
                await ssl.AuthenticateAsServerAsync(tls.OptionsFor(meshTls?.Secrets) ?? throw new AuthenticationException($"the certificate of {tls.Source} has not been fetched from the control plane"), timeout.Token);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or CryptographicException)
            {
                LogGatewayHandshakeFailed(log, listener.Name, chain.Name, conn.RemoteEndPoint?.ToString() ?? "-", e.InnerException?.Message ?? e.Message);
                conn.Abort();
                return;
            }
        }
        var client = ssl.RemoteCertificate as X509Certificate2 ?? (ssl.RemoteCertificate is { } rc ? new X509Certificate2(rc) : null);
        var feature = new GatewayTlsFeature(client, ssl.NegotiatedApplicationProtocol.Protocol, sni);
        conn.Features.Set<ITlsConnectionFeature>(feature);
        conn.Features.Set<ITlsApplicationProtocolFeature>(feature);
        conn.Features.Set(feature);
        conn.Transport = new StreamDuplexPipe(ssl);
        try
        {
            var h2 = ssl.NegotiatedApplicationProtocol == SslApplicationProtocol.Http2;
            await HandOverAsync(conn, next, listener, chain, new SniffResult(h2 ? SniffKind.Http2 : SniffKind.Http1, sni), null, port);
        }
        finally
        {
            conn.Transport = original;
        }
    }

    /// <summary>
    /// ISTIO_MUTUAL: the server side of mesh mTLS, as a sidecar's inbound port (workload certificate,
    /// a client certificate the mesh roots vouch for required); the connection then carries the
    /// peer's SPIFFE id, which AuthorizationPolicies on the gateway and its telemetry read.
    /// </summary>
    private async Task TerminateGatewayMeshTlsAsync(ConnectionContext conn, ConnectionDelegate next, CompiledListener listener, CompiledChain chain, string? sni)
    {
        if (meshTls?.Certificate is null)
        {
            LogGatewayHandshakeFailed(log, listener.Name, chain.Name, conn.RemoteEndPoint?.ToString() ?? "-", "the server is ISTIO_MUTUAL and this gateway has no workload certificate");
            conn.Abort();
            return;
        }
        await using var session = await MeshTlsTerminator.AcceptAsync(conn, meshTls, listener.Name, log);
        if (session is null)
        {
            conn.Abort();
            return;
        }
        var inner = new SniffResult(SniffKind.Raw, sni);
        if (chain.Http is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed);
            timeout.CancelAfter(SniffTimeout);
            inner = await ProtocolSniffer.SniffAsync(conn.Transport.Input, timeout.Token) with { ServerName = sni };
        }
        await HandOverAsync(conn, next, listener, chain, inner, null, port);
    }

    [LoggerMessage(7001, LogLevel.Information, "Closed a connection on listener {Listener} (chain {Chain}) from {Remote}: TLS handshake failed: {Reason}")]
    private static partial void LogGatewayHandshakeFailed(ILogger log, string listener, string chain, string remote, string reason);
}
