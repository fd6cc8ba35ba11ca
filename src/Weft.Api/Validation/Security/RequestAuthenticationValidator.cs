using System.Text.Json;
using System.Text.RegularExpressions;
using Weft.Api.Model.Security;
using Weft.Api.Validation.Istio;

namespace Weft.Api.Validation.Security;

/// <summary>
/// RequestAuthentication: where policies attach, and for each JWT rule an issuer or JWKS URI,
/// at most one key source, http(s) JWKS URIs, key sets that parse, token locations and claim
/// headers that are never empty, and a fetch timeout of at least 1ms.
/// </summary>
public sealed partial class RequestAuthenticationValidator : KindValidator<RequestAuthentication>
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);

    public override IEnumerable<FieldError> Validate(RequestAuthentication obj, ValidationContext ctx)
    {
        var spec = obj.Spec ?? new RequestAuthenticationSpec();
        return
        [
            .. MetadataRules.Annotations(obj),
            .. PolicyTargetRules.All("spec", spec.Selector, spec.TargetRef, spec.TargetRefs),
            .. JwtRules(spec.JwtRules),
        ];
    }

    private static IEnumerable<FieldError> JwtRules(IReadOnlyList<JwtRule>? rules)
    {
        if (rules is null)
            yield break;
        if (Crd.MaxItems("spec.jwtRules", rules.Count, 4096) is { } tooMany)
            yield return tooMany;
        for (var i = 0; i < rules.Count; i++)
            foreach (var e in Rule(FieldPath.Index("spec.jwtRules", i), rules[i]))
                yield return e;
    }

    private static IEnumerable<FieldError> Rule(string at, JwtRule r)
    {
        if (Crd.MinLength(FieldPath.Child(at, "issuer"), r.Issuer, 1) is { } issuer)
            yield return issuer;
        if (string.IsNullOrEmpty(r.Issuer) && string.IsNullOrEmpty(r.EffectiveJwksUri))
            yield return FieldError.Required(FieldPath.Child(at, "issuer"), "a JWT rule names its issuer, its jwksUri, or both");
        var sources = (r.JwksUri is null ? 0 : 1) + (r.JwksUriSnakeCase is null ? 0 : 1) + (r.Jwks is null ? 0 : 1);
        if (sources > 1)
            yield return Crd.Rule(at, "object", "only one of jwks or jwksUri can be set");
        foreach (var e in JwksUri(FieldPath.Child(at, "jwksUri"), r.JwksUri))
            yield return e;
        foreach (var e in JwksUri(FieldPath.Child(at, "jwks_uri"), r.JwksUriSnakeCase))
            yield return e;
        if (r.Jwks is { Length: > 0 } && JwksProblem(r.Jwks) is { } jwks)
            yield return FieldError.InvalidNoValue(FieldPath.Child(at, "jwks"), "jwks parse error: " + jwks);
        foreach (var e in NonEmptyStrings(FieldPath.Child(at, "audiences"), r.Audiences))
            yield return e;
        foreach (var e in NonEmptyStrings(FieldPath.Child(at, "fromParams"), r.FromParams))
            yield return e;
        foreach (var e in NonEmptyStrings(FieldPath.Child(at, "fromCookies"), r.FromCookies))
            yield return e;
        var claimsPath = FieldPath.Child(at, "spaceDelimitedClaims");
        if (Crd.MaxItems(claimsPath, r.SpaceDelimitedClaims?.Count, 64) is { } tooMany)
            yield return tooMany;
        foreach (var e in NonEmptyStrings(claimsPath, r.SpaceDelimitedClaims))
            yield return e;
        foreach (var e in Headers(FieldPath.Child(at, "fromHeaders"), r.FromHeaders))
            yield return e;
        foreach (var e in ClaimHeaders(FieldPath.Child(at, "outputClaimToHeaders"), r.OutputClaimToHeaders))
            yield return e;
        if (Validation.Rules.Duration(FieldPath.Child(at, "timeout"), r.Timeout, MinTimeout) is { } timeout)
            yield return timeout;
    }

    private static IEnumerable<FieldError> JwksUri(string path, string? uri)
    {
        if (uri is null)
            yield break;
        if ((Crd.MinLength(path, uri, 1) ?? Crd.MaxLength(path, uri, 2048)) is { } length)
        {
            yield return length;
            yield break;
        }
        if (!GoUrl.TryParseRequestUri(uri, out var scheme, out _) || scheme is not ("http" or "https"))
            yield return Crd.Rule(path, "string", "url must have scheme http:// or https://");
    }

    private static IEnumerable<FieldError> Headers(string path, IReadOnlyList<JwtHeader>? headers)
    {
        if (headers is null)
            yield break;
        for (var i = 0; i < headers.Count; i++)
        {
            var namePath = FieldPath.Child(FieldPath.Index(path, i), "name");
            if ((Crd.Required(namePath, headers[i].Name) ?? Crd.MinLength(namePath, headers[i].Name, 1)) is { } e)
                yield return e;
        }
    }

    private static IEnumerable<FieldError> ClaimHeaders(string path, IReadOnlyList<ClaimToHeader>? items)
    {
        if (items is null)
            yield break;
        for (var i = 0; i < items.Count; i++)
        {
            var at = FieldPath.Index(path, i);
            var headerPath = FieldPath.Child(at, "header");
            var claimPath = FieldPath.Child(at, "claim");
            if ((Crd.Required(headerPath, items[i].Header) ?? Crd.MinLength(headerPath, items[i].Header, 1)
                    ?? Crd.Pattern(headerPath, items[i].Header, HeaderName())) is { } header)
                yield return header;
            if ((Crd.Required(claimPath, items[i].Claim) ?? Crd.MinLength(claimPath, items[i].Claim, 1)) is { } claim)
                yield return claim;
        }
    }

    private static IEnumerable<FieldError> NonEmptyStrings(string path, IReadOnlyList<string>? values)
    {
        if (values is null)
            yield break;
        for (var i = 0; i < values.Count; i++)
            if (Crd.MinLength(FieldPath.Index(path, i), values[i], 1) is { } e)
                yield return e;
    }

    /// <summary>What makes an inline key set unusable: it must be a JSON object whose <c>keys</c> each name their <c>kty</c>.</summary>
    internal static string? JwksProblem(string jwks)
    {
        try
        {
            using var doc = JsonDocument.Parse(jwks);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return "a JSON Web Key Set is a JSON object";
            if (!doc.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
                return "a JSON Web Key Set has a \"keys\" array";
            var i = 0;
            foreach (var key in keys.EnumerateArray())
            {
                if (key.ValueKind != JsonValueKind.Object || !key.TryGetProperty("kty", out var kty) || kty.ValueKind != JsonValueKind.String)
                    return $"keys[{i}] has no \"kty\"";
                i++;
            }
            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    // Istio's strict header names (ValidateStrictHTTPHeaderName), the CRD's pattern too.
    [GeneratedRegex("^[-_A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();
}
