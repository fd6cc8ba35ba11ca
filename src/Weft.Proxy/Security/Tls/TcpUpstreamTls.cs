using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Weft.Discovery.Clusters;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// Mesh mTLS for TCP: a sidecar's tcp_proxy connection to an endpoint with a sidecar (auto mTLS,
/// ISTIO_MUTUAL) is wrapped in TLS 1.3 with this proxy's workload certificate, and the peer must
/// prove one of the cluster's identities, as HTTP clusters do (<see cref="UpstreamTls"/>). The
/// server sidecar terminates it on its inbound listener like any mesh TLS, so PeerAuthentication
/// STRICT and TCP AuthorizationPolicies by principal hold for TCP traffic too. A DestinationRule's
/// SIMPLE or MUTUAL TLS on a TCP cluster originates TLS to the external server (<see cref="TcpTlsOrigination"/>).
/// </summary>
public static class TcpUpstreamTls
{
    /// <summary>Whether a TCP connection of <paramref name="cluster"/> to this endpoint is mesh mTLS.</summary>
    public static bool Applies(Cluster cluster, MeshTls? mesh, Discovery.Endpoints.LbEndpoint endpoint) =>
        cluster.Tls?.Mode is TlsMode.IstioMutual or TlsMode.Simple or TlsMode.Mutual && UpstreamTls.Applies(cluster.Tls, mesh, endpoint);

    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed or the peer is not who the cluster expects.</exception>
    public static async Task<SslStream> HandshakeAsync(Stream inner, Cluster cluster, MeshTls mesh, CancellationToken ct)
    {
        var sans = cluster.Tls!.SubjectAltNames.IsDefaultOrEmpty ? [] : cluster.Tls.SubjectAltNames.ToHashSet(StringComparer.Ordinal);
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(cluster.Tls.Mode == TlsMode.IstioMutual
                ? new SslClientAuthenticationOptions
                {
                    // The cluster's SNI, as Envoy sends it: an egress gateway's ISTIO_MUTUAL server picks its chain by it (the DestinationRule's sni).
                    TargetHost = cluster.Tls.Sni ?? "",
                    EnabledSslProtocols = MeshTls.Protocols,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    LocalCertificateSelectionCallback = (_, _, _, _, _) => mesh.Certificate?.Certificate!,
                    RemoteCertificateValidationCallback = (_, peer, chain, _) => mesh.Certificate is { } own && mesh.Accept(own.TrustBundle, peer, chain, sans, out _),
                }
                : TcpTlsOrigination.Options(Secrets.SecretStore.Fill(cluster.Tls, mesh.Secrets), sans), ct);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }
}
