using Weft.Api.Model.Meta;

namespace Weft.Api.Model.GatewayApi;

/// <summary>gateway.networking.k8s.io BackendTLSPolicy: how a Gateway connects to a backend with TLS and verifies it.</summary>
public sealed record BackendTLSPolicy : SpecObject<BackendTLSPolicySpec>;

public sealed record BackendTLSPolicySpec
{
    public IReadOnlyList<LocalPolicyTargetReferenceWithSectionName>? TargetRefs { get; init; }

    public BackendTLSPolicyValidation? Validation { get; init; }

    /// <summary>Implementation-specific TLS settings.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

/// <summary>How the backend's certificate is verified: CAs (given or the system's), SNI host name, SANs.</summary>
public sealed record BackendTLSPolicyValidation
{
    public IReadOnlyList<LocalObjectReference>? CaCertificateRefs { get; init; }

    /// <summary><c>System</c>, or a domain-prefixed implementation-specific set.</summary>
    public string? WellKnownCACertificates { get; init; }

    /// <summary>The SNI sent, and the name verified when <see cref="SubjectAltNames"/> is empty.</summary>
    public string? Hostname { get; init; }

    public IReadOnlyList<SubjectAltName>? SubjectAltNames { get; init; }
}

/// <summary>A name the backend's certificate must carry.</summary>
public sealed record SubjectAltName
{
    public SubjectAltNameType? Type { get; init; }

    public string? Hostname { get; init; }

    public string? Uri { get; init; }
}

public enum SubjectAltNameType
{
    Hostname,
    URI,
}
