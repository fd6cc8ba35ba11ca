using System.Collections.Immutable;

namespace Weft.Discovery.Security;

/// <summary>
/// An HTTP external authorization service (MeshConfig extensionProviders[].envoyExtAuthzHttp)
/// that CUSTOM AuthorizationPolicies name, resolved by the control plane to one of the proxy's
/// clusters.
/// </summary>
public sealed record ExtAuthzProvider
{
    public required string Name { get; init; }

    /// <summary>The cluster the check is sent to (<c>outbound|PORT||HOST</c>).</summary>
    public required string Cluster { get; init; }

    /// <summary>The service's host name, sent as the check request's authority.</summary>
    public string Authority { get; init; } = "";

    public string PathPrefix { get; init; } = "";

    /// <summary>Envoy's gRPC ext_authz API (<c>envoyExtAuthzGrpc</c>: Authorization/Check over HTTP/2) instead of plain HTTP; the header lists do not apply.</summary>
    public bool Grpc { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>When the service cannot be reached or errs: allow the request (true) or answer <see cref="StatusOnError"/>.</summary>
    public bool FailOpen { get; init; }

    public int StatusOnError { get; init; } = 403;

    /// <summary>Request headers sent with the check (besides Envoy's own: host, method, path, content-length, authorization).</summary>
    public ImmutableArray<string> IncludeRequestHeaders { get; init; } = [];

    public ImmutableSortedDictionary<string, string> AdditionalHeaders { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Headers of an allowing answer copied onto the request to the application.</summary>
    public ImmutableArray<string> HeadersToUpstreamOnAllow { get; init; } = [];

    /// <summary>Headers of a denying answer copied onto the response to the client (all of them when empty).</summary>
    public ImmutableArray<string> HeadersToDownstreamOnDeny { get; init; } = [];
}
