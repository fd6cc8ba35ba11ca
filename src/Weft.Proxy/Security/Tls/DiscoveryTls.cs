using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Weft.Discovery.Protocol;
using Weft.Identity.Certificates;
using Weft.Identity.Protocol;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// TLS for the push stream on weftd's TLS port (15012, the default): the proxy presents its
/// workload certificate, which is how weftd knows whose snapshot it may send, and believes the
/// server only if the mesh roots vouch for it and it names weftd, as the certificate client does.
/// <see cref="Connect"/> also turns the two ways of getting this wrong into errors that say what
/// to pass: an https address without a certificate, and an http address at a port that speaks TLS.
/// </summary>
public static class DiscoveryTls
{
    /// <summary>How long a connect to an https address waits for the proxy's first certificate (bootstrap) before it says why it cannot connect.</summary>
    public static readonly TimeSpan CertificateWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static SslClientAuthenticationOptions ClientOptions(MeshTls mesh) => new()
    {
        EnabledSslProtocols = MeshTls.Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        LocalCertificateSelectionCallback = (_, _, _, _, _) => mesh.Certificate?.Certificate!,
        RemoteCertificateValidationCallback = (_, presented, chain, _) =>
        {
            if (presented is null || mesh.Certificate is not { } own)
                return false;
            var cert = presented as X509Certificate2 ?? new X509Certificate2(presented);
            var intermediates = chain?.ChainPolicy.ExtraStore.Cast<X509Certificate2>().ToList();
            return own.TrustBundle.VerifyChain(cert, intermediates, mesh.Time.GetUtcNow()) is null
                && SubjectAltNames.Of(cert).DnsNames.Contains(CaProtocol.ServerName, StringComparer.OrdinalIgnoreCase);
        },
    };

    /// <summary>
    /// Wraps the push stream's connect. https: waits (up to <see cref="CertificateWait"/>) for a
    /// workload certificate, since weftd refuses a stream without one. http: a connect that fails
    /// against a port that completes a TLS handshake says so and names the https address.
    /// </summary>
    public static Func<CancellationToken, Task<IDiscoveryConnection>> Connect(Uri address, MeshTls? mesh, Func<CancellationToken, Task<IDiscoveryConnection>> connect)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            return async ct =>
            {
                await WaitForCertificateAsync(address, mesh, ct);
                return await connect(ct);
            };
        }
        return async ct =>
        {
            try
            {
                return await connect(ct);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                if (await SpeaksTlsAsync(address, ct))
                    throw new IOException(PlaintextToTlsPort(address), e);
                throw;
            }
        };
    }

    /// <summary>The error of an http:// discovery address whose port speaks TLS (weftd's default).</summary>
    public static string PlaintextToTlsPort(Uri address)
    {
        var https = new UriBuilder(address) { Scheme = Uri.UriSchemeHttps }.Uri.ToString().TrimEnd('/');
        return $"the control plane at {address.ToString().TrimEnd('/')} speaks TLS (weftd's discovery port is TLS by default): pass --discovery-address {https} "
            + $"with a workload certificate (--ca-address {https} --token-file FILE --ca-root-file FILE, from `weft workload token create`), "
            + "or, for development only, start weftd with --insecure-discovery-listen ADDR:PORT and give that address";
    }

    private static async Task WaitForCertificateAsync(Uri address, MeshTls? mesh, CancellationToken ct)
    {
        if (mesh is null)
            throw new IOException($"the control plane at {address} is weftd's TLS port, which needs a workload certificate, and this proxy has no certificate support");
        var deadline = mesh.Time.GetUtcNow() + CertificateWait;
        while (mesh.Certificate is null)
        {
            if (mesh.Time.GetUtcNow() >= deadline)
                throw new IOException($"the control plane at {address.ToString().TrimEnd('/')} is weftd's TLS port: a proxy connects there with its workload certificate, and this one has none "
                    + "(give --ca-address with --token-file and --ca-root-file for the first one; a renewed one is kept in DATA_DIR/certs)");
            await Task.Delay(TimeSpan.FromMilliseconds(100), mesh.Time, ct);
        }
    }

    /// <summary>Whether the address's port completes a TLS handshake (any certificate): then plaintext cannot be what it speaks.</summary>
    private static async Task<bool> SpeaksTlsAsync(Uri address, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(address.Host, address.Port, timeout.Token);
            await using var tls = new SslStream(tcp.GetStream());
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = CaProtocol.ServerName,
                // Only the protocol is probed here: nothing is sent over this connection.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
