using Weft.Api.Binding;

namespace Weft.Api.Model.Security;

/// <summary>JWTRule: one issuer whose tokens are validated, where to find them and what to do with their claims.</summary>
public sealed record JwtRule
{
    /// <summary>The <c>iss</c> a token must carry (optional when <see cref="JwksUri"/> is set).</summary>
    public string? Issuer { get; init; }

    /// <summary>Accepted <c>aud</c> values; absent accepts tokens for the service's host names.</summary>
    public IReadOnlyList<string>? Audiences { get; init; }

    /// <summary>Where the public keys are fetched from (http or https).</summary>
    public string? JwksUri { get; init; }

    /// <summary>The same as <see cref="JwksUri"/>, in its older snake_case spelling, which the CRD still accepts.</summary>
    [Wire("jwks_uri")]
    public string? JwksUriSnakeCase { get; init; }

    /// <summary>The public keys inline, as a JSON Web Key Set.</summary>
    public string? Jwks { get; init; }

    /// <summary>Headers carrying the token; absent means <c>Authorization: Bearer</c>.</summary>
    public IReadOnlyList<JwtHeader>? FromHeaders { get; init; }

    /// <summary>Query parameters carrying the token; absent means <c>access_token</c>.</summary>
    public IReadOnlyList<string>? FromParams { get; init; }

    public IReadOnlyList<string>? FromCookies { get; init; }

    /// <summary>Header that receives the verified payload, base64url-encoded.</summary>
    public string? OutputPayloadToHeader { get; init; }

    /// <summary>Whether the token is forwarded upstream (it is removed otherwise).</summary>
    public bool? ForwardOriginalToken { get; init; }

    public IReadOnlyList<ClaimToHeader>? OutputClaimToHeaders { get; init; }

    /// <summary>How long fetching the JWKS may take (at least 1ms).</summary>
    public Duration? Timeout { get; init; }

    /// <summary>Claims holding space-separated values (besides <c>scope</c> and <c>permission</c>).</summary>
    public IReadOnlyList<string>? SpaceDelimitedClaims { get; init; }

    /// <summary>Whether a request without a token is refused by this rule.</summary>
    public JwtPresence? Presence { get; init; }

    /// <summary>The JWKS location, whichever spelling was used.</summary>
    public string? EffectiveJwksUri => JwksUri ?? JwksUriSnakeCase;
}
