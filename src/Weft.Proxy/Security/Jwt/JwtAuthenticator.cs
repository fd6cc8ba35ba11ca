using Weft.Discovery.Security;

namespace Weft.Proxy.Security.Jwt;

/// <summary>
/// A workload's RequestAuthentication JWT rules compiled once per snapshot (Envoy's jwt_authn as
/// Istio configures it: every rule is a provider, any one may verify a token, a request without
/// a token passes). Tokens are read from every location any rule names (headers with their
/// prefix, query parameters, cookies); each is checked by the rules of its location whose issuer
/// it carries. Every token found must verify (a good token beside a bad one is refused, so the
/// bad one never reaches the application). A verified token's payload and claims are copied into
/// the headers its rule asks for, and the token is removed from its header unless forwarded.
/// </summary>
public sealed class JwtAuthenticator
{
    /// <summary>Envoy's default clock skew for <c>exp</c> and <c>nbf</c> (Istio does not change it).</summary>
    public const long ClockSkewSeconds = 60;

    private readonly HeaderLocation[] _headers;
    private readonly NamedLocation[] _params;
    private readonly NamedLocation[] _cookies;
    private readonly bool _required;

    private JwtAuthenticator(CompiledJwtProvider[] providers, HeaderLocation[] headers, NamedLocation[] @params, NamedLocation[] cookies)
    {
        Providers = providers;
        _headers = headers;
        _params = @params;
        _cookies = cookies;
        _required = Array.Exists(providers, p => p.Source.Required);
    }

    public CompiledJwtProvider[] Providers { get; }

    /// <summary>Null when no rule selects the workload: requests are not looked at.</summary>
    public static JwtAuthenticator? Compile(IEnumerable<JwtProvider>? providers)
    {
        var compiled = (providers ?? []).Select(p => new CompiledJwtProvider(p)).ToArray();
        if (compiled.Length == 0)
            return null;
        var headers = new List<(string Name, string Prefix, CompiledJwtProvider P)>();
        var @params = new List<(string Name, CompiledJwtProvider P)>();
        var cookies = new List<(string Name, CompiledJwtProvider P)>();
        foreach (var p in compiled)
        {
            var s = p.Source;
            var none = s.FromHeaders.IsDefaultOrEmpty && s.FromParams.IsDefaultOrEmpty && s.FromCookies.IsDefaultOrEmpty;
            if (none)
            {
                // Envoy's defaults when a rule names no location.
                headers.Add(("authorization", "Bearer ", p));
                @params.Add(("access_token", p));
                continue;
            }
            foreach (var h in s.FromHeaders.IsDefault ? [] : s.FromHeaders)
                headers.Add((h.Name.ToLowerInvariant(), h.Prefix, p));
            foreach (var q in s.FromParams.IsDefault ? [] : s.FromParams)
                @params.Add((q, p));
            foreach (var c in s.FromCookies.IsDefault ? [] : s.FromCookies)
                cookies.Add((c, p));
        }
        return new JwtAuthenticator(compiled,
            [.. headers.GroupBy(h => (h.Name, h.Prefix)).Select(g => new HeaderLocation(g.Key.Name, g.Key.Prefix, [.. g.Select(x => x.P).Distinct()]))],
            [.. @params.GroupBy(q => q.Name, StringComparer.Ordinal).Select(g => new NamedLocation(g.Key, [.. g.Select(x => x.P).Distinct()]))],
            [.. cookies.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => new NamedLocation(g.Key, [.. g.Select(x => x.P).Distinct()]))]);
    }

    /// <param name="http">The request; on success its headers are changed as the rules ask (payload, claims, token removed).</param>
    /// <param name="now">Unix seconds.</param>
    public JwtResult Authenticate(HttpContext http, long now)
    {
        var request = http.Request;
        List<Found>? found = null;
        foreach (var loc in _headers)
            if (request.Headers.TryGetValue(loc.Name, out var values))
                foreach (var value in values)
                    if (ExtractFromHeader(value, loc.Prefix) is { } token)
                        (found ??= []).Add(new Found(token, loc.Providers, loc.Name));
        if (_params.Length > 0 && request.QueryString.HasValue)
            foreach (var loc in _params)
                if (request.Query.TryGetValue(loc.Name, out var values))
                    foreach (var value in values)
                        if (!string.IsNullOrEmpty(value))
                            (found ??= []).Add(new Found(value, loc.Providers, null));
        if (_cookies.Length > 0 && request.Headers.Cookie.Count > 0)
            foreach (var loc in _cookies)
                if (request.Cookies.TryGetValue(loc.Name, out var value) && !string.IsNullOrEmpty(value))
                    (found ??= []).Add(new Found(value, loc.Providers, null));
        if (found is null)
            return _required ? new JwtResult(JwtStatus.Missing, null, null) : JwtResult.NoToken;

        var verified = new (JwtToken Token, CompiledJwtProvider Provider, string? Header)[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            var f = found[i];
            var status = JwtToken.TryParse(f.Raw, out var token);
            if (status != JwtStatus.Ok)
                return new JwtResult(status, null, null);
            http.Response.RegisterForDispose(token!);
            CompiledJwtProvider? ok = null;
            var first = JwtStatus.UnknownIssuer;
            string? failedBy = null;
            foreach (var p in f.Providers)
            {
                if (!p.IssuerMatches(token!.Issuer))
                    continue;
                var s = p.Verify(token, now);
                if (s == JwtStatus.Ok)
                {
                    ok = p;
                    break;
                }
                if (failedBy is null)
                    (first, failedBy) = (s, p.Source.Name);
            }
            if (ok is null)
                return new JwtResult(first, null, failedBy);
            verified[i] = (token!, ok, f.Header);
        }

        var headers = request.Headers;
        foreach (var (token, p, header) in verified)
        {
            if (!p.Source.ForwardOriginalToken && header is not null)
                headers.Remove(header);
            if (p.Source.OutputPayloadToHeader is { Length: > 0 } payloadHeader)
                headers[payloadHeader] = token.PayloadSegment.ToString();
            if (p.ClaimHeaders.Length > 0)
            {
                var claims = new JwtClaims(token, p.SpaceDelimited);
                foreach (var (name, path) in p.ClaimHeaders)
                {
                    if (claims.HeaderValue(path) is { } value)
                        headers[name] = value;
                    else
                        headers.Remove(name);
                }
            }
        }
        var (firstToken, firstProvider, _) = verified[0];
        return new JwtResult(JwtStatus.Ok, new JwtClaims(firstToken, firstProvider.SpaceDelimited), firstProvider.Source.Name);
    }

    /// <summary>The token after <paramref name="prefix"/> (matched case-insensitively, as <c>bearer</c> is often lower-cased): the JWT characters that follow it; without a prefix, the whole value.</summary>
    private static string? ExtractFromHeader(string? value, string prefix)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        // Without a prefix the whole value is the token (Envoy's header location).
        if (prefix.Length == 0)
            return value.Trim() is { Length: > 0 } whole ? whole : null;
        var at = value.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return null;
        var start = at + prefix.Length;
        var end = start;
        while (end < value.Length && IsTokenChar(value[end]))
            end++;
        return end > start ? value[start..end] : null;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '=' or '+' or '/';

    private sealed record HeaderLocation(string Name, string Prefix, CompiledJwtProvider[] Providers);

    private sealed record NamedLocation(string Name, CompiledJwtProvider[] Providers);

    private readonly record struct Found(string Raw, CompiledJwtProvider[] Providers, string? Header);
}
