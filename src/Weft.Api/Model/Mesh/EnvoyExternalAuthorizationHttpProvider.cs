using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>An ext_authz server spoken to over HTTP.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyExternalAuthorizationHttpProvider
{
    /// <summary><c>[NAMESPACE/]HOSTNAME</c> of the service.</summary>
    public string? Service { get; init; }
    public uint? Port { get; init; }

    /// <summary>How long the check may take (600s).</summary>
    public Duration? Timeout { get; init; }

    /// <summary>Prepended to the request path of the check (must start with '/').</summary>
    public string? PathPrefix { get; init; }

    /// <summary>Allow requests when the server fails or answers 5xx.</summary>
    public bool? FailOpen { get; init; }

    /// <summary>The status returned when the server cannot be reached (403).</summary>
    public string? StatusOnError { get; init; }

    /// <summary>Deprecated: use <see cref="IncludeRequestHeadersInCheck"/>.</summary>
    public IReadOnlyList<string>? IncludeHeadersInCheck { get; init; }

    public IReadOnlyList<string>? IncludeRequestHeadersInCheck { get; init; }
    public IReadOnlyDictionary<string, string>? IncludeAdditionalHeadersInCheck { get; init; }
    public EnvoyExternalAuthorizationRequestBody? IncludeRequestBodyInCheck { get; init; }
    public IReadOnlyList<string>? HeadersToUpstreamOnAllow { get; init; }
    public IReadOnlyList<string>? HeadersToDownstreamOnDeny { get; init; }
    public IReadOnlyList<string>? HeadersToDownstreamOnAllow { get; init; }
}
