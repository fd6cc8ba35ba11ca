using System.Collections.Immutable;

namespace Weft.Discovery.Clusters;

/// <summary>Slot for the security issue: how the proxy speaks TLS to the upstream.</summary>
public sealed record UpstreamTlsSettings
{
    public TlsMode Mode { get; init; } = TlsMode.Disable;

    public string? Sni { get; init; }

    /// <summary>Identities (SPIFFE URIs or DNS names) the upstream certificate must carry.</summary>
    public ImmutableArray<string> SubjectAltNames { get; init; } = [];

    public ImmutableArray<string> AlpnProtocols { get; init; } = [];
}

public enum TlsMode
{
    Disable,
    Simple,
    Mutual,
    IstioMutual,
}
