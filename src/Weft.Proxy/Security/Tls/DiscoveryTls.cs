using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Certificates;
using Weft.Identity.Protocol;

namespace Weft.Proxy.Security.Tls;

/// <summary>
/// TLS for an https push stream (weftd's CA port): the proxy presents its workload certificate,
/// which is how weftd knows whose snapshot it may send, and believes the server only if the mesh
/// roots vouch for it and it names weftd, as the certificate client does.
/// </summary>
public static class DiscoveryTls
{
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
}
