namespace Weft.Identity.Protocol;

/// <summary>
/// The certificate endpoint's wire contract, shared by weftd and the proxy so both read it from
/// one place. One route: <c>POST /weft.ca.v1/certificates</c> over TLS, with a JSON
/// <see cref="CertificateSigningMessage"/>; the answer is a <see cref="CertificateMessage"/>, or a
/// Kubernetes Status (401 no or bad credential, 403 the CSR is refused, 400 a malformed request).
/// The credential is either <c>Authorization: Bootstrap TOKEN</c> (a VM's first certificate) or
/// the TLS client certificate (renewal with the current one).
/// </summary>
public static class CaProtocol
{
    public const string Path = "/weft.ca.v1/certificates";

    /// <summary>The Authorization scheme of a bootstrap token (not Bearer: the REST API's token is another thing).</summary>
    public const string BootstrapScheme = "Bootstrap";

    /// <summary>The DNS name in weftd's serving certificate that clients check, whatever address they dialled.</summary>
    public const string ServerName = "weftd";

    /// <summary>A CSR is a few hundred bytes; anything much larger is not one.</summary>
    public const int MaxRequestBytes = 64 * 1024;
}
