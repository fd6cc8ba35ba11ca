using Weft.ControlPlane.Translation.Security;
using Weft.Discovery.Clusters;
using Weft.Discovery.Security;

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
        SecretReference? ca = secret is not null && SecretVersions.HasRoots(secret) ? SecretVersions.Reference(key, secret)
            : secrets.TryGetValue(key + "-cacert", out var caSecret) && SecretVersions.HasRoots(caSecret) ? SecretVersions.Reference(key + "-cacert", caSecret)
            : null;
        var credential = mutual && secret is not null && SecretVersions.HasCertificate(secret) ? SecretVersions.Reference(key, secret) : null;
        // Names, never keys: the proxy fetches the Secrets from weftd (SDS). Without roots the
        // empty PEM trusts nothing, so the connection fails closed.
        return files with
        {
            CaCertificates = null,
            ClientCertificate = null,
            PrivateKey = null,
            CaCertificatesPem = ca is null ? "" : null,
            ClientCertificatePem = null,
            PrivateKeyPem = null,
            CaSecret = ca,
            CredentialSecret = credential,
        };
    }
}
