using System.Collections.Immutable;

namespace Weft.Discovery.Listeners;

/// <summary>
/// TLS a chain terminates for its clients (a gateway's SIMPLE or MUTUAL server, Envoy's
/// DownstreamTlsContext): the certificate and key in PEM, as a kubernetes.io/tls Secret holds
/// them; with <see cref="TrustedCa"/> a client certificate it vouches for is required (MUTUAL).
/// Protocol versions are <c>TLSV1_2</c> or <c>TLSV1_3</c>; cipher suites are IANA names
/// (<c>TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256</c>) or OpenSSL ones (<c>ECDHE-RSA-AES128-GCM-SHA256</c>).
/// </summary>
public sealed record DownstreamTlsContext
{
    /// <summary>Where the certificate came from (<c>ns/secret</c>), for logs and config dumps.</summary>
    public required string Source { get; init; }

    /// <summary>The server certificate, then any intermediates, in PEM; empty when <see cref="CertificateSecret"/> names it.</summary>
    public string CertificateChain { get; init; } = "";

    public string PrivateKey { get; init; } = "";

    /// <summary>The Secret holding certificate and key (and ca.crt), fetched by the proxy from the control plane: the snapshot never carries keys.</summary>
    public Weft.Discovery.Security.SecretReference? CertificateSecret { get; init; }

    /// <summary>MUTUAL: the Secret whose ca.crt client certificates must chain to (the same Secret, or NAME-cacert).</summary>
    public Weft.Discovery.Security.SecretReference? CaSecret { get; init; }

    /// <summary>
    /// ISTIO_MUTUAL (a gateway server's <c>tls.mode</c>): the proxy's own workload certificate is
    /// presented and a client certificate the mesh roots vouch for is required, its SPIFFE id being
    /// the peer's identity, as a sidecar's inbound mesh TLS; no Secret is named. Left out of the
    /// JSON when false, so snapshots without it read as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool WorkloadCertificate { get; init; }

    /// <summary>PEM roots client certificates must chain to; null: no client certificate asked for.</summary>
    public string? TrustedCa { get; init; }

    public string? MinProtocolVersion { get; init; }

    public string? MaxProtocolVersion { get; init; }

    public ImmutableArray<string> CipherSuites { get; init; } = [];

    /// <summary>Offered by ALPN, in order.</summary>
    public ImmutableArray<string> AlpnProtocols { get; init; } = ["h2", "http/1.1"];
}
