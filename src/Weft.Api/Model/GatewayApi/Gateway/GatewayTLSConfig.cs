namespace Weft.Api.Model.GatewayApi;

/// <summary>Gateway-wide TLS: the client certificate towards backends, and client certificate validation of frontends.</summary>
public sealed record GatewayTLSConfig
{
    public GatewayBackendTLS? Backend { get; init; }

    public FrontendTLSConfig? Frontend { get; init; }
}

/// <summary>TLS from the Gateway to its backends.</summary>
public sealed record GatewayBackendTLS
{
    /// <summary>The certificate the Gateway presents to backends that ask for one.</summary>
    public SecretObjectReference? ClientCertificateRef { get; init; }
}

/// <summary>Client certificate validation, for every port (<see cref="Default"/>) and per port.</summary>
public sealed record FrontendTLSConfig
{
    public TLSConfig? Default { get; init; }

    public IReadOnlyList<TLSPortConfig>? PerPort { get; init; }
}

/// <summary>TLS settings that apply to connections from clients.</summary>
public sealed record TLSConfig
{
    public FrontendTLSValidation? Validation { get; init; }
}

/// <summary>The TLS settings of one port.</summary>
public sealed record TLSPortConfig
{
    public int? Port { get; init; }

    public TLSConfig? Tls { get; init; }
}

/// <summary>How client certificates are validated: against these CAs, strictly or with an insecure fallback.</summary>
public sealed record FrontendTLSValidation
{
    public IReadOnlyList<ObjectReference>? CaCertificateRefs { get; init; }

    /// <summary>Defaults to <see cref="FrontendValidationModeType.AllowValidOnly"/>.</summary>
    public FrontendValidationModeType? Mode { get; init; }
}

public enum FrontendValidationModeType
{
    AllowValidOnly,
    AllowInsecureFallback,
}
