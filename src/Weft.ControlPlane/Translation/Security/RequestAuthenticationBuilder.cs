using System.Collections.Immutable;
using Weft.Api.Model.Security;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Translation.Security;

/// <summary>
/// A proxy's JWT rules: every jwtRule of every RequestAuthentication that selects the workload
/// (root namespace ones mesh-wide, its namespace's, narrowed by a selector; targetRefs for
/// gateways), oldest policy first, merged as Istio merges them. Keys are inlined: a rule's own
/// jwks, or what weftd fetched from its jwksUri (the last good keys and the error of a failed
/// fetch, so <c>weft proxy-config</c> shows why tokens are refused).
/// </summary>
public static class RequestAuthenticationBuilder
{
    /// <summary>Istio's default for a JWKS fetch when the rule sets no timeout.</summary>
    public static readonly TimeSpan DefaultFetchTimeout = TimeSpan.FromSeconds(5);

    public static ImmutableArray<JwtProvider>? Build(SecurityIndex index, string rootNamespace, NodeInfo node)
    {
        var result = ImmutableArray.CreateBuilder<JwtProvider>();
        foreach (var ra in index.RequestAuthentications)
        {
            var spec = ra.Spec ?? new RequestAuthenticationSpec();
            if (!SecurityBuilder.Selects(ra, spec.Selector, spec.TargetRef, spec.TargetRefs, rootNamespace, node))
                continue;
            var rules = spec.JwtRules ?? [];
            for (var i = 0; i < rules.Count; i++)
                result.Add(Provider($"{ra.Namespace}/{ra.Name}.jwtRules[{i}]", rules[i], index.Jwks));
        }
        return result.Count == 0 ? null : result.ToImmutable();
    }

    public static JwtProvider Provider(string name, JwtRule r, IJwksSource jwks)
    {
        string keys = r.Jwks ?? "";
        string? error = null;
        var uri = r.Jwks is null ? r.EffectiveJwksUri : null;
        if (uri is not null)
        {
            var timeout = r.Timeout is { } t && t.TryGetValue(out var value) && value > TimeSpan.Zero ? value : DefaultFetchTimeout;
            var found = jwks.Lookup(uri, timeout);
            keys = found.Jwks ?? "";
            error = found.Error;
        }
        else if (r.Jwks is null && !string.IsNullOrEmpty(r.Issuer))
        {
            // No jwksUri: the issuer's OpenID configuration names it (istiod's JwksResolver).
            var timeout = r.Timeout is { } t && t.TryGetValue(out var value) && value > TimeSpan.Zero ? value : DefaultFetchTimeout;
            uri = OpenIdDiscovery.ConfigurationUri(r.Issuer);
            var found = jwks.LookupIssuer(r.Issuer, timeout);
            keys = found.Jwks ?? "";
            error = found.Error;
        }
        else if (r.Jwks is null)
            error = "the rule has neither jwks nor jwksUri";
        return new JwtProvider
        {
            Name = name,
            Issuer = r.Issuer ?? "",
            Audiences = [.. r.Audiences ?? []],
            Jwks = keys,
            JwksUri = uri,
            JwksError = error,
            FromHeaders = [.. (r.FromHeaders ?? []).Where(h => !string.IsNullOrEmpty(h.Name)).Select(h => new JwtHeaderLocation { Name = h.Name!, Prefix = h.Prefix ?? "" })],
            FromParams = [.. r.FromParams ?? []],
            FromCookies = [.. r.FromCookies ?? []],
            ForwardOriginalToken = r.ForwardOriginalToken == true,
            OutputPayloadToHeader = string.IsNullOrEmpty(r.OutputPayloadToHeader) ? null : r.OutputPayloadToHeader,
            OutputClaimToHeaders = [.. (r.OutputClaimToHeaders ?? []).Where(c => !string.IsNullOrEmpty(c.Header) && !string.IsNullOrEmpty(c.Claim)).Select(c => new JwtClaimHeader { Header = c.Header!, Claim = c.Claim! })],
            SpaceDelimitedClaims = [.. r.SpaceDelimitedClaims ?? []],
            Required = r.Presence == JwtPresence.Required,
        };
    }
}
