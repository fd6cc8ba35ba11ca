using Microsoft.AspNetCore.Connections;
using Weft.Discovery.Listeners;
using Weft.Proxy.Runtime;
using Weft.Proxy.Security.Tls;

namespace Weft.Proxy.Listeners;

/// <summary>The dispatcher's mesh TLS branch (kept beside the rest of the security code).</summary>
internal sealed partial class ConnectionDispatcher
{
    /// <summary>Whether this connection's ClientHello is mesh mTLS for this proxy to terminate: an inbound listener and a workload certificate.</summary>
    private bool TerminatesMeshTls(CompiledListener listener, SniffResult sniff) =>
        sniff.Kind == SniffKind.Tls && listener.Config.Direction == TrafficDirection.Inbound && meshTls?.Certificate is not null;

    /// <summary>Handshakes, then sniffs the decrypted bytes to pick the HTTP or TCP chain, as for plaintext.</summary>
    private async Task TerminateMeshTlsAsync(ConnectionContext conn, ConnectionDelegate next, CompiledListener listener)
    {
        await using var session = await MeshTlsTerminator.AcceptAsync(conn, meshTls!, listener.Name, log);
        if (session is null)
        {
            conn.Abort();
            return;
        }
        SniffResult inner;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed))
        {
            timeout.CancelAfter(SniffTimeout);
            inner = await ProtocolSniffer.SniffAsync(conn.Transport.Input, timeout.Token);
        }
        var selected = inner.Kind is SniffKind.Http1 or SniffKind.Http2
            ? listener.SelectHttp(port, "raw_buffer") ?? listener.Select(null, port, null, "raw_buffer")
            : listener.Select(null, port, null, "raw_buffer");
        await HandOverAsync(conn, next, listener, selected, inner, null, port);
    }
}
