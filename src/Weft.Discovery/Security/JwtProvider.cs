using System.Collections.Immutable;

namespace Weft.Discovery.Security;

/// <summary>
/// One JWT rule of a RequestAuthentication that selects this workload (Envoy's jwt_authn
/// provider): which issuer and audiences are accepted, the issuer's public keys (inline, or
/// fetched by the control plane from <see cref="JwksUri"/> and inlined here, as istiod does),
/// where tokens are read from and what a verified token's claims become.
/// </summary>
public sealed record JwtProvider
{
    /// <summary>Where the rule comes from (<c>NS/NAME.jwtRules[i]</c>), for logs and the config dump.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>iss</c> a token must carry; empty accepts any issuer.</summary>
    public string Issuer { get; init; } = "";

    /// <summary>Accepted <c>aud</c> values; empty accepts any.</summary>
    public ImmutableArray<string> Audiences { get; init; } = [];

    /// <summary>The public keys, a JSON Web Key Set (empty when a remote key set was never fetched).</summary>
    public string Jwks { get; init; } = "";

    /// <summary>Where <see cref="Jwks"/> was fetched from (null: inline keys).</summary>
    public string? JwksUri { get; init; }

    /// <summary>Why the last fetch of <see cref="JwksUri"/> failed (the keys are then the last good ones, if any).</summary>
    public string? JwksError { get; init; }

    /// <summary>Headers carrying the token; empty together with the params and cookies means <c>Authorization: Bearer</c> and <c>access_token</c>.</summary>
    public ImmutableArray<JwtHeaderLocation> FromHeaders { get; init; } = [];

    public ImmutableArray<string> FromParams { get; init; } = [];

    public ImmutableArray<string> FromCookies { get; init; } = [];

    /// <summary>Keep the token on the request to the application (it is removed from its header otherwise).</summary>
    public bool ForwardOriginalToken { get; init; }

    /// <summary>Header that receives the verified payload, base64url-encoded.</summary>
    public string? OutputPayloadToHeader { get; init; }

    public ImmutableArray<JwtClaimHeader> OutputClaimToHeaders { get; init; } = [];

    /// <summary>Claims whose string value is a space-separated list (besides <c>scope</c> and <c>permission</c>).</summary>
    public ImmutableArray<string> SpaceDelimitedClaims { get; init; } = [];

    /// <summary>A request without a token is refused with 401 <c>Jwt is missing</c> (RequestAuthentication presence REQUIRED).</summary>
    public bool Required { get; init; }
}

/// <summary>A header a token is read from, and the prefix (<c>Bearer </c>) before it.</summary>
public sealed record JwtHeaderLocation
{
    public required string Name { get; init; }

    public string Prefix { get; init; } = "";
}

/// <summary>A verified claim copied into a request header (nested claims as <c>a.b</c>).</summary>
public sealed record JwtClaimHeader
{
    public required string Header { get; init; }

    public required string Claim { get; init; }
}
