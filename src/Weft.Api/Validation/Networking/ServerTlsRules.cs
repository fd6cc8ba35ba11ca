using Weft.Api.Model.Networking;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// TLS a server terminates: ISTIO_MUTUAL brings its own certificates; SIMPLE and MUTUAL need a
/// certificate and key (and MUTUAL a CA) from files or from credentials; passthrough needs none.
/// </summary>
internal static class ServerTlsRules
{
    public static void Check(ErrorList errors, string path, ServerTlsSettings? tls)
    {
        if (tls is null)
            return;
        Schema(errors, path, tls);
        var mode = tls.Mode ?? ServerTlsMode.Passthrough;
        var cert = FieldPath.Child(path, "serverCertificate");
        var key = FieldPath.Child(path, "privateKey");
        var ca = FieldPath.Child(path, "caCertificates");
        if (mode == ServerTlsMode.IstioMutual)
        {
            // Istio's own certificates are used; anything given here would be silently ignored.
            if (!string.IsNullOrEmpty(tls.ServerCertificate))
                errors.Forbidden(cert, "ISTIO_MUTUAL TLS cannot have associated server certificate");
            if (!string.IsNullOrEmpty(tls.PrivateKey))
                errors.Forbidden(key, "ISTIO_MUTUAL TLS cannot have associated private key");
            if (!string.IsNullOrEmpty(tls.CaCertificates))
                errors.Forbidden(ca, "ISTIO_MUTUAL TLS cannot have associated CA bundle");
            if (!string.IsNullOrEmpty(tls.CredentialName))
                errors.Forbidden(FieldPath.Child(path, "credentialName"), "ISTIO_MUTUAL TLS cannot have associated credentialName");
            return;
        }
        var fromCredentials = !string.IsNullOrEmpty(tls.CredentialName) || tls.CredentialNames is { Count: > 0 } || tls.TlsCertificates is { Count: > 0 };
        if (mode is ServerTlsMode.Simple or ServerTlsMode.Mutual or ServerTlsMode.OptionalMutual && !fromCredentials)
        {
            var what = mode == ServerTlsMode.Simple ? "SIMPLE" : "MUTUAL";
            if (string.IsNullOrEmpty(tls.ServerCertificate))
                errors.Required(cert, $"{what} TLS requires a server certificate");
            if (string.IsNullOrEmpty(tls.PrivateKey))
                errors.Required(key, $"{what} TLS requires a private key");
            if (mode != ServerTlsMode.Simple && string.IsNullOrEmpty(tls.CaCertificates))
                errors.Required(ca, "MUTUAL TLS requires a client CA bundle");
        }
        if (!string.IsNullOrEmpty(tls.CaCrl) && mode is not (ServerTlsMode.Passthrough or ServerTlsMode.AutoPassthrough))
        {
            if (!string.IsNullOrEmpty(tls.CredentialName))
                errors.Forbidden(FieldPath.Child(path, "caCrl"), "CRL is not supported with credentialName. CRL has to be specified in the credential");
            if (mode == ServerTlsMode.Simple)
                errors.Forbidden(FieldPath.Child(path, "caCrl"), "CRL is not supported with SIMPLE TLS");
        }
    }

    // The CRD's rules: credentials come from one place; one or two certificates (RSA and ECDSA).
    private static void Schema(ErrorList errors, string path, ServerTlsSettings tls)
    {
        if (tls.TlsCertificates is not null && tls.CredentialNames is not null)
            errors.Add(Crd.Rule(path, "object", "only one of credentialNames or tlsCertificates can be set"));
        if (tls.CredentialName is not null && tls.CredentialNames is not null)
            errors.Add(Crd.Rule(path, "object", "only one of credentialName or credentialNames can be set"));
        foreach (var (field, count) in new[] { ("credentialNames", tls.CredentialNames?.Count), ("tlsCertificates", tls.TlsCertificates?.Count) })
        {
            if (count is 0)
                errors.Schema(FieldPath.Child(path, field), "in body should have at least 1 items");
            errors.Add(Crd.MaxItems(FieldPath.Child(path, field), count, 2));
        }
    }
}
