namespace Weft.Api.Model.GatewayApi;

/// <summary>Experimental: asks an external service (HTTP or gRPC, as Envoy's ext_authz) whether a request may pass.</summary>
public sealed record HTTPExternalAuthFilter
{
    public ExternalAuthProtocol? Protocol { get; init; }

    public BackendObjectReference? BackendRef { get; init; }

    public GRPCAuthConfig? Grpc { get; init; }

    public HTTPAuthConfig? Http { get; init; }

    public ForwardBodyConfig? ForwardBody { get; init; }
}

public enum ExternalAuthProtocol
{
    HTTP,
    GRPC,
}

public sealed record GRPCAuthConfig
{
    /// <summary>Request headers sent to the authorization service.</summary>
    public IReadOnlyList<string>? AllowedHeaders { get; init; }
}

public sealed record HTTPAuthConfig
{
    /// <summary>Prefix of the path of authorization requests.</summary>
    public string? Path { get; init; }

    public IReadOnlyList<string>? AllowedHeaders { get; init; }

    /// <summary>Headers of the authorization response copied to the request.</summary>
    public IReadOnlyList<string>? AllowedResponseHeaders { get; init; }
}

public sealed record ForwardBodyConfig
{
    /// <summary>Bytes of body sent along; 0 sends none.</summary>
    public int? MaxSize { get; init; }
}
