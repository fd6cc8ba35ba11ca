using System.Collections.Immutable;

namespace Weft.Discovery.Clusters;

/// <summary>
/// How the proxy speaks TLS to the upstream (Istio's DestinationRule ClientTLSSettings, or auto
/// mTLS). ISTIO_MUTUAL uses the proxy's workload certificate and the mesh roots; SIMPLE and
/// MUTUAL use the files named here (read by the proxy when it builds the cluster).
/// </summary>
public sealed record UpstreamTlsSettings
{
    public TlsMode Mode { get; init; } = TlsMode.Disable;

    /// <summary>
    /// Auto mTLS (no DestinationRule TLS): ISTIO_MUTUAL only to endpoints whose
    /// <see cref="Endpoints.LbEndpoint.TlsMode"/> is <c>istio</c>; plaintext to the others.
    /// </summary>
    public bool Auto { get; init; }

    public string? Sni { get; init; }

    /// <summary>Identities (SPIFFE URIs or DNS names) the upstream certificate must carry; empty: any the roots vouch for.</summary>
    public ImmutableArray<string> SubjectAltNames { get; init; } = [];

    public ImmutableArray<string> AlpnProtocols { get; init; } = [];

    /// <summary>SIMPLE / MUTUAL: PEM file of the roots to verify the upstream by; null: the system's.</summary>
    public string? CaCertificates { get; init; }

    /// <summary>MUTUAL: PEM file of the client certificate (chain) to present.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>MUTUAL: PEM file of the client certificate's private key.</summary>
    public string? PrivateKey { get; init; }

    /// <summary>
    /// SIMPLE / MUTUAL with a DestinationRule <c>credentialName</c>: the Secret's contents, PEM,
    /// instead of the files above. An empty <see cref="CaCertificatesPem"/> trusts nothing (the
    /// Secret is missing: fail closed, as Istio's SDS without the secret).
    /// </summary>
    public string? CaCertificatesPem { get; init; }

    public string? ClientCertificatePem { get; init; }

    public string? PrivateKeyPem { get; init; }

    /// <summary>
    /// SIMPLE / MUTUAL with a DestinationRule <c>credentialName</c>: the Secret (client certificate
    /// and key, and roots) the proxy fetches from the control plane, instead of PEM in the snapshot.
    /// </summary>
    public Weft.Discovery.Security.SecretReference? CredentialSecret { get; init; }

    /// <summary>The Secret the roots come from when they are not in <see cref="CredentialSecret"/> (NAME-cacert).</summary>
    public Weft.Discovery.Security.SecretReference? CaSecret { get; init; }

    /// <summary>SIMPLE / MUTUAL: skip verifying the upstream's certificate (Istio's insecureSkipVerify).</summary>
    public bool InsecureSkipVerify { get; init; }
}

public enum TlsMode
{
    Disable,
    Simple,
    Mutual,
    IstioMutual,
}
