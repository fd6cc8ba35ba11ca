namespace Weft.Api.Model.GatewayApi;

/// <summary>One listener of a Gateway (or ListenerSet): what it accepts on a port.</summary>
public sealed record Listener
{
    public string? Name { get; init; }

    /// <summary>Host name (may start with <c>*.</c>) the listener matches; all when absent.</summary>
    public string? Hostname { get; init; }

    public int? Port { get; init; }

    /// <summary>HTTP, HTTPS, TLS, TCP, UDP, or a domain-prefixed implementation protocol.</summary>
    public string? Protocol { get; init; }

    public ListenerTLSConfig? Tls { get; init; }

    public AllowedRoutes? AllowedRoutes { get; init; }
}

/// <summary>A listener's TLS settings: terminate with these certificates, or pass through.</summary>
public sealed record ListenerTLSConfig
{
    /// <summary>Defaults to <see cref="TLSModeType.Terminate"/>.</summary>
    public TLSModeType? Mode { get; init; }

    public IReadOnlyList<SecretObjectReference>? CertificateRefs { get; init; }

    /// <summary>Implementation-specific TLS settings.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

public enum TLSModeType
{
    Terminate,
    Passthrough,
}
