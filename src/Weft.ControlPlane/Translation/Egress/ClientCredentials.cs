using System.Text;
using Weft.Discovery.Clusters;

namespace Weft.ControlPlane.Translation.Egress;

/// <summary>
/// A DestinationRule's <c>tls.credentialName</c> (TLS origination with the roots, and for MUTUAL
/// the client certificate, from a Secret), as Istio's SDS reads it for the proxy: the Secret lives
/// in the proxy's namespace (<c>ns/name</c> names another); keys <c>ca.crt</c> or <c>cacert</c>,
/// <c>tls.crt</c>/<c>tls.key</c> or <c>cert</c>/<c>key</c>; the roots may also come from the Secret
/// <c>NAME-cacert</c>. It replaces the rule's file paths. A missing Secret (or one without roots)
/// trusts nothing, so the connection fails instead of falling back to the system's roots.
/// </summary>
public static class ClientCredentials
{
    public static UpstreamTlsSettings Apply(ProxyBuild b, UpstreamTlsSettings files, string credentialName, bool mutual)
    {
        var key = credentialName.Contains('/', StringComparison.Ordinal) ? credentialName : $"{b.Node.Namespace}/{credentialName}";
        var secrets = b.Push.Gateways.Secrets;
        secrets.TryGetValue(key, out var secret);
        var roots = secret?.Value("ca.crt") ?? secret?.Value("cacert")
            ?? (secrets.TryGetValue(key + "-cacert", out var caSecret) ? caSecret.Value("ca.crt") ?? caSecret.Value("cacert") : null);
        var cert = mutual ? secret?.Value("tls.crt") ?? secret?.Value("cert") : null;
        var pkey = mutual ? secret?.Value("tls.key") ?? secret?.Value("key") : null;
        return files with
        {
            CaCertificates = null,
            ClientCertificate = null,
            PrivateKey = null,
            CaCertificatesPem = roots is null ? "" : Encoding.UTF8.GetString(roots),
            ClientCertificatePem = cert is null ? null : Encoding.UTF8.GetString(cert),
            PrivateKeyPem = pkey is null ? null : Encoding.UTF8.GetString(pkey),
        };
    }
}
