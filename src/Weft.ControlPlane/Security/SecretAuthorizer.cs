using Weft.Api.Model.Core;
using Weft.Api.Model.GatewayApi;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Translation.Security;
using Weft.Discovery.Security;

namespace Weft.ControlPlane.Security;

/// <summary>
/// Who may read which Secret over the secret endpoint, as istiod's SDS decides for gateways: a
/// proxy reads TLS Secrets of its own namespace, and of another namespace only where a
/// ReferenceGrant there lets Gateways of the proxy's namespace refer to that Secret (or to every
/// Secret). Only TLS material is ever served: a <c>kubernetes.io/tls</c> Secret, or a generic one
/// holding a certificate and key or roots; tokens, passwords and docker configs never leave.
/// Authorization is judged before existence, so a refused caller learns nothing about the Secret.
/// </summary>
public static class SecretAuthorizer
{
    /// <summary>The decision for one request: the material (200), or the status and why not.</summary>
    public readonly record struct Decision(int Status, TlsSecret? Secret, string? Reason);

    public static Decision Decide(ConfigSnapshot config, string requesterNamespace, string secretNamespace, string secretName)
    {
        var name = $"{secretNamespace}/{secretName}";
        if (secretNamespace != requesterNamespace && !Granted(config, requesterNamespace, secretNamespace, secretName))
            return new(403, null, $"a proxy of namespace {requesterNamespace} may read Secrets of its own namespace only, and no ReferenceGrant in namespace {secretNamespace} lets Gateways of {requesterNamespace} refer to Secret {secretName}");
        Secret? secret = null;
        foreach (var s in config.OfType<Secret>())
        {
            if (s.Namespace == secretNamespace && s.Name == secretName)
            {
                secret = s;
                break;
            }
        }
        if (secret is null)
            return new(404, null, $"Secret {name} does not exist");
        var type = secret.TypeOrDefault;
        if (type != SecretTypes.Tls && type != SecretTypes.Opaque)
            return new(403, null, $"Secret {name} is of type {type}; only kubernetes.io/tls and generic (Opaque) Secrets with tls.crt/tls.key or ca.crt are served");
        if (!SecretVersions.HasCertificate(secret) && !SecretVersions.HasRoots(secret))
            return new(403, null, $"Secret {name} holds neither tls.crt and tls.key (cert and key) nor ca.crt (cacert): it is no TLS credential");
        return new(200, SecretVersions.Material(name, secret), null);
    }

    private static bool Granted(ConfigSnapshot config, string fromNamespace, string toNamespace, string secretName)
    {
        foreach (var g in config.OfType<ReferenceGrant>())
        {
            if (g.Namespace != toNamespace || g.Spec is not { } spec)
                continue;
            var from = (spec.From ?? []).Any(f => f.Group == GatewayApiDefaults.Group && f.Kind == "Gateway" && f.Namespace == fromNamespace);
            var to = (spec.To ?? []).Any(t => string.IsNullOrEmpty(t.Group) && t.Kind == "Secret" && (string.IsNullOrEmpty(t.Name) || t.Name == secretName));
            if (from && to)
                return true;
        }
        return false;
    }
}
