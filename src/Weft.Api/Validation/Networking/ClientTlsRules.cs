using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// TLS to a destination. Certificates come from files or from a credential (a Secret or a
/// <c>configmap://</c> in the rule's own namespace), not both; mutual TLS with files needs a
/// client certificate and key; skipping verification leaves nothing to verify against.
/// </summary>
internal static class ClientTlsRules
{
    public const string ConfigMapPrefix = "configmap://";

    public static void Check(ErrorList errors, string path, ClientTlsSettings? tls, string ns)
    {
        if (tls is null)
            return;
        var mode = tls.Mode ?? ClientTlsMode.Disable;
        if (tls.CredentialName is { } credential && credential.StartsWith(ConfigMapPrefix, StringComparison.Ordinal))
            ConfigMapCredential(errors, FieldPath.Child(path, "credentialName"), credential, ns);
        if (tls.InsecureSkipVerify == true)
        {
            if (mode == ClientTlsMode.Simple && (!string.IsNullOrEmpty(tls.CaCertificates) || !string.IsNullOrEmpty(tls.CredentialName) || tls.SubjectAltNames is not null))
                errors.Forbidden(FieldPath.Child(path, "insecureSkipVerify"), "cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true");
            if (mode == ClientTlsMode.Mutual && (!string.IsNullOrEmpty(tls.CaCertificates) || tls.SubjectAltNames is not null))
                errors.Forbidden(FieldPath.Child(path, "insecureSkipVerify"), "cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true");
        }
        if (mode is ClientTlsMode.Simple or ClientTlsMode.Mutual && !string.IsNullOrEmpty(tls.CredentialName))
        {
            if (!string.IsNullOrEmpty(tls.ClientCertificate) || !string.IsNullOrEmpty(tls.CaCertificates) || !string.IsNullOrEmpty(tls.PrivateKey) || !string.IsNullOrEmpty(tls.CaCrl))
                errors.Forbidden(FieldPath.Child(path, "credentialName"), "cannot specify client certificates or CA certificate or CA CRL If credentialName is set");
            return;
        }
        if (mode == ClientTlsMode.Mutual)
        {
            if (string.IsNullOrEmpty(tls.ClientCertificate))
                errors.Required(FieldPath.Child(path, "clientCertificate"), "client certificate required for mutual tls");
            if (string.IsNullOrEmpty(tls.PrivateKey))
                errors.Required(FieldPath.Child(path, "privateKey"), "private key required for mutual tls");
        }
    }

    // configmap://name or configmap://namespace/name; the ConfigMap must be in the rule's namespace.
    private static void ConfigMapCredential(ErrorList errors, string path, string credential, string ns)
    {
        var rest = credential[ConfigMapPrefix.Length..];
        var parts = rest.Split('/');
        if (rest.Length == 0 || parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            errors.Invalid(path, credential, $"invalid configmap:// credentialName: invalid resource name \"{credential}\". Expected configmap://name or configmap://namespace/name");
            return;
        }
        var refNamespace = parts.Length == 2 ? parts[0] : ns;
        if (refNamespace != ns || ns.Length == 0)
            errors.Invalid(path, credential, $"invalid configmap:// credentialName: namespace must match the configuration namespace \"{ns}\"");
    }
}
