using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>TLS a gateway server (or a sidecar ingress listener) terminates or passes through.</summary>
[WireNullsAreAbsent]
public sealed record ServerTlsSettings
{
    public bool? HttpsRedirect { get; init; }
    public ServerTlsMode? Mode { get; init; }
    public string? ServerCertificate { get; init; }
    public string? PrivateKey { get; init; }
    public string? CaCertificates { get; init; }
    public string? CaCrl { get; init; }
    public string? CredentialName { get; init; }
    public IReadOnlyList<string>? CredentialNames { get; init; }
    public IReadOnlyList<TlsCertificate>? TlsCertificates { get; init; }
    public IReadOnlyList<string>? SubjectAltNames { get; init; }
    public IReadOnlyList<string>? VerifyCertificateSpki { get; init; }
    public IReadOnlyList<string>? VerifyCertificateHash { get; init; }
    public TlsProtocolVersion? MinProtocolVersion { get; init; }
    public TlsProtocolVersion? MaxProtocolVersion { get; init; }
    public IReadOnlyList<string>? CipherSuites { get; init; }
    public IReadOnlyList<string>? EcdhCurves { get; init; }
    public bool? InsecureSkipVerify { get; init; }
    public string? CaCertCredentialName { get; init; }
}
