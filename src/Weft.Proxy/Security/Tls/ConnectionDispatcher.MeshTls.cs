using Microsoft.AspNetCore.Connections;
using Weft.Discovery.Listeners;
using Weft.Discovery.Security;
using Weft.Proxy.Runtime;
using Weft.Proxy.Security.Tls;

namespace Weft.Proxy.Listeners;

/// <summary>The dispatcher's mesh TLS branch (kept beside the rest of the security code).</summary>
internal sealed partial class ConnectionDispatcher
{
    /// <summary>Whether this connection's ClientHello is mesh mTLS for this proxy to terminate: an inbound listener and a workload certificate.</summary>
    private bool TerminatesMeshTls(CompiledListener listener, SniffResult sniff) =>
        sniff.Kind == SniffKind.Tls && listener.Config.Direction == TrafficDirection.Inbound && meshTls?.Certificate is not null;

    /// <summary>The inbound port's effective PeerAuthentication mode (port-level over workload-level).</summary>
    private MtlsMode MeshMode(CompiledListener listener)
    {
        if (listener.Config.Direction != TrafficDirection.Inbound || runtime.Current is not { } snapshot)
            return MtlsMode.Permissive;
        var pa = snapshot.Source.Security.PeerAuthentication;
        return pa.PortModes.TryGetValue(port, out var m) && m != MtlsMode.Unset ? m : pa.Mode;
    }

    /// <summary>STRICT must see whether a connection starts with TLS even on a listener that would not otherwise sniff.</summary>
    private bool SniffsForMeshTls(CompiledListener listener) => MeshMode(listener) == MtlsMode.Strict;

    /// <summary>
    /// PeerAuthentication on an inbound connection: mesh TLS is terminated (unless DISABLE), and
    /// under STRICT anything else is closed. Returns true when it handled the connection.
    /// </summary>
    private async Task<bool> ApplyPeerAuthenticationAsync(ConnectionContext conn, ConnectionDelegate next, CompiledListener listener, SniffResult sniff)
    {
        if (listener.Config.Direction != TrafficDirection.Inbound)
            return false;
        var mode = MeshMode(listener);
        if (mode != MtlsMode.Disable && TerminatesMeshTls(listener, sniff))
        {
            await TerminateMeshTlsAsync(conn, next, listener);
            return true;
        }
        if (mode == MtlsMode.Strict)
        {
            LogStrictRefused(log, listener.Name, conn.RemoteEndPoint?.ToString() ?? "-", sniff.Kind == SniffKind.Tls ? "TLS this proxy cannot terminate (no workload certificate)" : "plaintext");
            conn.Abort();
            return true;
        }
        return false;
    }

    private (CompiledSnapshot Snapshot, Security.Authorization.CompiledAuthorization Authz)? _tcpAuthz;

    /// <summary>
    /// AuthorizationPolicy for a TCP connection on an inbound listener (compiled once per snapshot
    /// per listener): a denied connection is closed, as Envoy's network RBAC filter does.
    /// </summary>
    private bool AuthorizesTcp(ConnectionContext conn, CompiledListener listener)
    {
        if (listener.Config.Direction != TrafficDirection.Inbound || runtime.Current is not { } snapshot || snapshot.Source.Security.AuthorizationPolicies.IsDefaultOrEmpty)
            return true;
        var cached = _tcpAuthz;
        if (cached is null || !ReferenceEquals(cached.Value.Snapshot, snapshot))
        {
            cached = (snapshot, Security.Authorization.CompiledAuthorization.Compile(snapshot.Source.Security.AuthorizationPolicies));
            _tcpAuthz = cached;
        }
        var tls = conn.Features.Get<MeshTlsFeature>();
        var (principal, ns) = Security.Authorization.AuthorizationRequest.FromSpiffe(tls?.PeerIdentity);
        var decision = cached.Value.Authz.Evaluate(new Security.Authorization.AuthorizationRequest
        {
            Principal = principal,
            Namespace = ns,
            IsHttp = false,
            SourceIp = (conn.RemoteEndPoint as System.Net.IPEndPoint)?.Address,
            DestinationIp = (conn.LocalEndPoint as System.Net.IPEndPoint)?.Address,
            DestinationPort = port,
        });
        if (!decision.Allowed)
            LogTcpDenied(log, listener.Name, conn.RemoteEndPoint?.ToString() ?? "-", tls?.PeerIdentity ?? "-", decision.Details);
        return decision.Allowed;
    }

    [LoggerMessage(5806, LogLevel.Information, "Closed a connection on listener {Listener} from {Remote} ({Peer}): {Details}")]
    private static partial void LogTcpDenied(ILogger log, string listener, string remote, string peer, string details);

    [LoggerMessage(5805, LogLevel.Information, "Closed a connection on listener {Listener} from {Remote}: PeerAuthentication is STRICT and it spoke {What}")]
    private static partial void LogStrictRefused(ILogger log, string listener, string remote, string what);

    /// <summary>Handshakes, then (when the listener also serves HTTP) sniffs the decrypted bytes to pick the HTTP or TCP chain, as for plaintext.</summary>
    private async Task TerminateMeshTlsAsync(ConnectionContext conn, ConnectionDelegate next, CompiledListener listener)
    {
        await using var session = await MeshTlsTerminator.AcceptAsync(conn, meshTls!, listener.Name, log);
        if (session is null)
        {
            conn.Abort();
            return;
        }
        // Only a listener with an HTTP chain needs the decrypted first bytes. A TCP-only port must
        // not wait for them: server-first protocols (MySQL, SMTP) send nothing until the server
        // greets, and sniffing would hold that greeting back for the whole sniff timeout.
        var inner = new SniffResult(SniffKind.Raw, null);
        if (listener.HasHttpChain)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed);
            timeout.CancelAfter(SniffTimeout);
            inner = await ProtocolSniffer.SniffAsync(conn.Transport.Input, timeout.Token);
        }
        var selected = inner.Kind is SniffKind.Http1 or SniffKind.Http2
            ? listener.SelectHttp(port, "raw_buffer") ?? listener.Select(null, port, null, "raw_buffer")
            : listener.Select(null, port, null, "raw_buffer");
        await HandOverAsync(conn, next, listener, selected, inner, null, port);
    }
}
