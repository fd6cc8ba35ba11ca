using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>TLS from the proxy to the destination: off, one-way, mutual with given certificates, or Istio's mTLS.</summary>
[WireNullsAreAbsent]
public sealed record ClientTlsSettings
{
    public ClientTlsMode? Mode { get; init; }
    public string? ClientCertificate { get; init; }
    public string? PrivateKey { get; init; }
    public string? CaCertificates { get; init; }
    public string? CredentialName { get; init; }
    public IReadOnlyList<string>? SubjectAltNames { get; init; }
    public string? Sni { get; init; }
    public bool? InsecureSkipVerify { get; init; }
    public string? CaCrl { get; init; }
}
