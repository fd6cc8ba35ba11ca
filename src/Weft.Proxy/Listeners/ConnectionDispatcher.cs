using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Weft.Proxy.Runtime;
using Weft.Proxy.Tcp;
using Weft.Proxy.Telemetry;

namespace Weft.Proxy.Listeners;

/// <summary>
/// Kestrel connection middleware of every listener: sniffs the first bytes (HTTP/2 preface,
/// HTTP/1, CONNECT, TLS ClientHello with SNI, other), picks the filter chain, and hands the
/// connection to Kestrel's HTTP (telling it h2c when it saw the preface) or to the TCP proxy.
/// The PERMISSIVE mTLS mode will branch on the same sniff.
/// </summary>
internal sealed partial class ConnectionDispatcher(string socketKey, int port, ProxyRuntime runtime, TcpProxyHandler tcp, ProxyCounters counters, ILogger<ConnectionDispatcher> log, Security.Tls.MeshTls? meshTls = null)
{
    /// <summary>Envoy's listener_filters_timeout is 15 s; a client that says nothing for this long gets the default chain.</summary>
    private static readonly TimeSpan SniffTimeout = TimeSpan.FromSeconds(15);

    private static readonly byte[] ConnectEstablished = "HTTP/1.1 200 OK\r\n\r\n"u8.ToArray();
    private static readonly byte[] ConnectRefused = "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"u8.ToArray();

    public async Task OnConnectionAsync(ConnectionContext conn, ConnectionDelegate next)
    {
        Interlocked.Increment(ref counters.DownstreamCxTotal);
        Interlocked.Increment(ref counters.DownstreamCxActive);
        try
        {
            await DispatchAsync(conn, next);
        }
        finally
        {
            Interlocked.Decrement(ref counters.DownstreamCxActive);
        }
    }

    private async Task DispatchAsync(ConnectionContext conn, ConnectionDelegate next)
    {
        if (runtime.Current?.Listeners.GetValueOrDefault(socketKey) is not { } listener)
        {
            conn.Abort();
            return;
        }
        if (!listener.NeedsSniff && !SniffsForMeshTls(listener))
        {
            if (listener.Select(null, port, null, "raw_buffer") is { TcpDestinations.Length: > 0 } chain && AuthorizesTcp(conn, listener))
                await tcp.HandleAsync(conn, listener, chain, null, port, null);
            else
                conn.Abort();
            return;
        }

        SniffResult sniff;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed))
        {
            timeout.CancelAfter(SniffTimeout);
            sniff = await ProtocolSniffer.SniffAsync(conn.Transport.Input, timeout.Token);
        }

        if (await ApplyPeerAuthenticationAsync(conn, next, listener, sniff))
            return;
        if (sniff.Kind == SniffKind.Connect && listener.Config.HttpProxy)
        {
            await TunnelAsync(conn, next, listener);
            return;
        }
        var transport = sniff.Kind == SniffKind.Tls ? "tls" : "raw_buffer";
        var selected = sniff.Kind is SniffKind.Http1 or SniffKind.Http2
            ? listener.SelectHttp(port, transport) ?? listener.Select(null, port, null, transport)
            : listener.Select(null, port, sniff.ServerName, transport);
        await HandOverAsync(conn, next, listener, selected, sniff, null, port);
    }

    private async Task TunnelAsync(ConnectionContext conn, ConnectionDelegate next, CompiledListener listener)
    {
        var target = await ConnectRequest.ReadAsync(conn.Transport.Input, conn.ConnectionClosed);
        if (target is not { } t)
        {
            conn.Abort();
            return;
        }
        var chain = listener.Select(t.Host, t.Port, null, null);
        if (chain is null && !listener.NeedsTlsSniff)
        {
            LogConnectRefused(log, t.Host, t.Port, listener.Name);
            await conn.Transport.Output.WriteAsync(ConnectRefused);
            await conn.Transport.Output.CompleteAsync();
            return;
        }
        await conn.Transport.Output.WriteAsync(ConnectEstablished);
        SniffResult sniff = new(SniffKind.Raw, null);
        if (listener.NeedsTlsSniff || chain?.Http is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(conn.ConnectionClosed);
            timeout.CancelAfter(SniffTimeout);
            sniff = await ProtocolSniffer.SniffAsync(conn.Transport.Input, timeout.Token);
            chain = listener.Select(t.Host, t.Port, sniff.ServerName, sniff.Kind == SniffKind.Tls ? "tls" : "raw_buffer");
        }
        await HandOverAsync(conn, next, listener, chain, sniff, t.Host, t.Port);
    }

    private async Task HandOverAsync(ConnectionContext conn, ConnectionDelegate next, CompiledListener listener, CompiledChain? chain, SniffResult sniff, string? host, int targetPort)
    {
        if (chain is null)
        {
            LogNoChain(log, listener.Name, sniff.Kind.ToString(), sniff.ServerName ?? "-");
            conn.Abort();
            return;
        }
        if (chain.Http is not null)
        {
            if (sniff.Kind == SniffKind.Tls)
            {
                if (chain.Tls is { } gatewayTls)
                {
                    await TerminateGatewayTlsAsync(conn, next, listener, chain, gatewayTls, sniff.ServerName);
                    return;
                }
                // Terminating TLS is the security issue's; until then a TLS client on an HTTP chain is refused.
                conn.Abort();
                return;
            }
            conn.Features.Set(new SelectedChainFeature(chain.Name));
            if (sniff.Kind == SniffKind.Http2 && conn.Features.Get<ITlsConnectionFeature>() is null)
            {
                conn.Features.Set<ITlsConnectionFeature>(H2cPriorKnowledgeFeature.Instance);
                conn.Features.Set<Microsoft.AspNetCore.Server.Kestrel.Core.Features.ITlsApplicationProtocolFeature>(H2cPriorKnowledgeFeature.Instance);
            }
            await next(conn);
            return;
        }
        if (chain.Tls is { } terminated && sniff.Kind == SniffKind.Tls)
        {
            // A gateway's TLS server in front of TCP: decrypt, then relay (TerminateGatewayTlsAsync comes back here with the plaintext).
            await TerminateGatewayTlsAsync(conn, next, listener, chain, terminated, sniff.ServerName);
            return;
        }
        if (!AuthorizesTcp(conn, listener))
        {
            conn.Abort();
            return;
        }
        await tcp.HandleAsync(conn, listener, chain, host, targetPort, sniff.ServerName);
    }

    [LoggerMessage(1101, LogLevel.Information, "Closed a connection on listener {Listener}: no filter chain matches ({Kind}, SNI {Sni})")]
    private static partial void LogNoChain(ILogger log, string listener, string kind, string sni);

    [LoggerMessage(1102, LogLevel.Information, "Refused CONNECT {Host}:{Port} on listener {Listener}: no filter chain matches")]
    private static partial void LogConnectRefused(ILogger log, string host, int port, string listener);

    internal static string Describe(byte[] b) => Encoding.ASCII.GetString(b);
}
