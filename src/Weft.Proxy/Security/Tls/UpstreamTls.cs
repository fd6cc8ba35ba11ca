using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Discovery.Clusters;
using Weft.Discovery.Endpoints;
using Weft.Identity.Certificates;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// TLS origination on a cluster's connection pool. ISTIO_MUTUAL presents the workload
/// certificate (read at each handshake) and believes a server only if the mesh roots vouch for
/// it and its SPIFFE id is one of the cluster's subject alt names (the destination's service
/// accounts); SIMPLE and MUTUAL use the DestinationRule's files. Pooled connections are reused
/// and HTTP/2 multiplexes requests on them, so the handshake cost is paid once per connection.
/// </summary>
public static partial class UpstreamTls
{
    /// <summary>Whether a request to <paramref name="endpoint"/> goes over TLS (auto mTLS: only to endpoints with a sidecar, and only once this proxy has a certificate).</summary>
    public static bool Applies(UpstreamTlsSettings? settings, MeshTls? mesh, LbEndpoint endpoint) => settings?.Mode switch
    {
        null or TlsMode.Disable => false,
        TlsMode.Simple or TlsMode.Mutual => true,
        _ => mesh?.Certificate is not null && (!settings.Auto || endpoint.TlsMode == "istio"),
    };

    public static void Configure(SocketsHttpHandler handler, Cluster cluster, MeshTls? mesh, ILogger log)
    {
        if (cluster.Tls is not { Mode: not TlsMode.Disable } tls)
            return;
        tls = Secrets.SecretStore.Fill(tls, mesh?.Secrets);
        var sans = tls.SubjectAltNames.IsDefaultOrEmpty ? [] : tls.SubjectAltNames.ToHashSet(StringComparer.Ordinal);
        if (tls.Mode == TlsMode.IstioMutual)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = MeshTls.Protocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => mesh?.Certificate?.Certificate!,
                RemoteCertificateValidationCallback = (_, peer, chain, _) =>
                    mesh?.Certificate is { } own && mesh.Accept(own.TrustBundle, peer, chain, sans, out _),
            };
            return;
        }
        var options = new SslClientAuthenticationOptions { CertificateRevocationCheckMode = X509RevocationMode.NoCheck };
        try
        {
            if (tls.CaCertificates is { } ca)
            {
                var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck, DisableCertificateDownloads = true };
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(ca);
                policy.CustomTrustStore.AddRange(roots);
                options.CertificateChainPolicy = policy;
            }
            if (tls.Mode == TlsMode.Mutual && tls.ClientCertificate is { } certFile)
                options.ClientCertificates = [X509Certificate2.CreateFromPemFile(certFile, tls.PrivateKey)];
            // A DestinationRule credentialName: the Secret's PEM travels in the snapshot.
            if (tls.CaCertificatesPem is { } caPem)
            {
                var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck, DisableCertificateDownloads = true };
                var roots = new X509Certificate2Collection();
                if (caPem.Length > 0)
                    roots.ImportFromPem(caPem);
                policy.CustomTrustStore.AddRange(roots);
                options.CertificateChainPolicy = policy;
            }
            if (tls.Mode == TlsMode.Mutual && tls.ClientCertificatePem is { } certPem && tls.PrivateKeyPem is { } keyPem)
                options.ClientCertificates = [X509Certificate2.CreateFromPem(certPem, keyPem)];
            options.RemoteCertificateValidationCallback = (_, peer, _, errors) => tls.InsecureSkipVerify || Verified(peer, errors, sans, log, cluster.Name);
            if (HandshakesInConnect(tls))
            {
                OriginateWithSni(handler, options, tls.Sni!, cluster.Protocol);
                return;
            }
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // Fail closed: a cluster whose trust cannot be read talks to nobody, and says why.
            LogFilesUnreadable(log, cluster.Name, e.Message);
            options.RemoteCertificateValidationCallback = (_, _, _, _) => false;
        }
        handler.SslOptions = options;
    }

    /// <summary>
    /// Whether the cluster's TLS is set up in the connect callback rather than by the handler:
    /// a DestinationRule <c>sni</c> (SIMPLE / MUTUAL). SocketsHttpHandler always sends the Host
    /// header's name as SNI (and keys its pool by it), so a different SNI needs our own handshake;
    /// requests then go out with the <c>http</c> scheme over the already encrypted stream.
    /// </summary>
    public static bool HandshakesInConnect(UpstreamTlsSettings? tls) =>
        tls is { Mode: TlsMode.Simple or TlsMode.Mutual, Sni.Length: > 0 };

    /// <summary>
    /// Wraps the handler's connections (its own connect callback, e.g. a gateway's source address,
    /// or a plain connect) in TLS with <paramref name="sni"/> as the server name; the certificate
    /// is checked against that name unless subjectAltNames replace the check, as Envoy's
    /// <c>sni</c> with <c>match_subject_alt_names</c>.
    /// </summary>
    private static void OriginateWithSni(SocketsHttpHandler handler, SslClientAuthenticationOptions options, string sni, UpstreamProtocol protocol)
    {
        options.TargetHost = sni;
        options.ApplicationProtocols = protocol == UpstreamProtocol.Http2 ? [SslApplicationProtocol.Http2] : [SslApplicationProtocol.Http11];
        var connect = handler.ConnectCallback ?? ConnectPlainAsync;
        handler.ConnectCallback = async (context, ct) =>
        {
            var inner = await connect(context, ct);
            var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(options, ct);
                return ssl;
            }
            catch
            {
                await ssl.DisposeAsync();
                throw;
            }
        };
    }

    private static async ValueTask<Stream> ConnectPlainAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool Verified(X509Certificate? peer, SslPolicyErrors errors, HashSet<string> sans, ILogger log, string cluster)
    {
        if (peer is null)
            return false;
        if (sans.Count > 0)
        {
            // Named identities replace the host name check, as Envoy's match_subject_alt_names.
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
            var names = SubjectAltNames.Of(peer as X509Certificate2 ?? new X509Certificate2(peer));
            if (!names.Uris.Any(sans.Contains) && !names.DnsNames.Any(sans.Contains))
            {
                LogSanMismatch(log, cluster, string.Join(", ", [.. names.Uris, .. names.DnsNames]));
                return false;
            }
        }
        return errors == SslPolicyErrors.None;
    }

    [LoggerMessage(5803, LogLevel.Error, "Cluster {Cluster}: cannot read its TLS files ({Reason}); its TLS connections are refused")]
    private static partial void LogFilesUnreadable(ILogger log, string cluster, string reason);

    [LoggerMessage(5804, LogLevel.Warning, "Cluster {Cluster}: the upstream certificate names {Names}, none of the expected subject alt names")]
    private static partial void LogSanMismatch(ILogger log, string cluster, string names);
}
