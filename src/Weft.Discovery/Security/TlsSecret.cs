namespace Weft.Discovery.Security;

/// <summary>
/// What the secret endpoint answers for one Secret: PEM from its <c>tls.crt</c> (or <c>cert</c>),
/// <c>tls.key</c> (or <c>key</c>) and <c>ca.crt</c> (or <c>cacert</c>), each null when absent.
/// Travels only in the answer to the proxy that was allowed to ask; never part of a snapshot.
/// </summary>
public sealed record TlsSecret
{
    public required string Name { get; init; }

    public string Version { get; init; } = "";

    public string? CertificateChain { get; init; }

    public string? PrivateKey { get; init; }

    public string? TrustedCa { get; init; }

    /// <summary>Never the keys: for logs and exceptions.</summary>
    public override string ToString() => $"secret {Name} (version {Version})";
}
