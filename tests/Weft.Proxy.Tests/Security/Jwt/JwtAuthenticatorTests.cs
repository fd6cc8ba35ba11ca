using Microsoft.AspNetCore.Http;
using Weft.Discovery.Security;
using Weft.Proxy.Security.Jwt;

namespace Weft.Proxy.Tests.Security.Jwt;

/// <summary>
/// RequestAuthentication's JWT checks as Envoy's jwt_authn makes them: where tokens are read,
/// every reason a token is refused (with Envoy's exact text), what a verified token does to the
/// request (token removed or forwarded, payload and claim headers) and what it gives
/// authorization (the request principal and claims).
/// </summary>
public sealed class JwtAuthenticatorTests
{
    // One key pair each for the class: RSA key generation is slow on a loaded machine.
    private static readonly TestIssuer _rsa = TestIssuer.Rsa();
    private static readonly TestIssuer _ec = TestIssuer.Ec();
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static JwtProvider Rule(TestIssuer? issuer = null, Func<JwtProvider, JwtProvider>? change = null)
    {
        var i = issuer ?? _rsa;
        var p = new JwtProvider { Name = "foo/jwt-example.jwtRules[0]", Issuer = i.Issuer, Jwks = i.Jwks() };
        return change?.Invoke(p) ?? p;
    }

    private static DefaultHttpContext Request(string? bearer = null, string query = "", params (string Name, string Value)[] headers)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = "/headers";
        http.Request.Host = new HostString("httpbin.foo:8000");
        if (query.Length > 0)
            http.Request.QueryString = new QueryString(query);
        if (bearer is not null)
            http.Request.Headers.Authorization = "Bearer " + bearer;
        foreach (var (name, value) in headers)
            http.Request.Headers.Append(name, value);
        return http;
    }

    private static JwtResult Check(DefaultHttpContext http, params JwtProvider[] rules) => JwtAuthenticator.Compile(rules)!.Authenticate(http, Now);

    [Fact]
    public void A_valid_RS256_token_gives_the_request_principal_iss_slash_sub_and_is_removed_from_the_request()
    {
        var http = Request(_rsa.Token());
        var result = Check(http, Rule());
        result.Status.Should().Be(JwtStatus.Ok);
        result.Claims!.RequestPrincipal.Should().Be("testing@secure.istio.io/testing@secure.istio.io");
        result.Provider.Should().Be("foo/jwt-example.jwtRules[0]");
        http.Request.Headers.ContainsKey("authorization").Should().BeFalse();
    }

    [Fact]
    public void A_valid_ES256_token_verifies_with_an_EC_key()
    {
        var result = Check(Request(_ec.Token(sub: "alice")), Rule(_ec));
        result.Status.Should().Be(JwtStatus.Ok);
        result.Claims!.RequestPrincipal.Should().Be("https://ec.example.com/alice");
    }

    [Fact]
    public void A_request_without_a_token_passes_with_no_request_principal()
    {
        Check(Request(), Rule()).Should().Be(JwtResult.NoToken);
        Check(Request(headers: ("authorization", "Basic YWxpY2U6c2VjcmV0")), Rule()).Should().Be(JwtResult.NoToken);
    }

    [Fact]
    public void Presence_REQUIRED_refuses_a_request_without_a_token()
    {
        var result = Check(Request(), Rule(change: p => p with { Required = true }));
        result.Status.Should().Be(JwtStatus.Missing);
        result.Status.Message().Should().Be("Jwt is missing");
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "expired", "Jwt is expired" },
        { "not yet valid", "Jwt not yet valid" },
        { "bad signature", "Jwt verification fails" },
        { "other issuer", "Jwt issuer is not configured" },
        { "wrong audience", "Audiences in Jwt are not allowed" },
        { "unknown kid", "Jwks doesn't have key to match kid or alg from Jwt" },
        { "two dots", "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections" },
        { "header base64", "Jwt header is an invalid Base64url encoded" },
        { "header json", "Jwt header is an invalid JSON" },
        { "no alg", "Jwt header [alg] field is required and must be a string" },
        { "HS256", "Jwt header [alg] is not supported" },
        { "kid number", "Jwt header [kid] field is not a string" },
        { "payload base64", "Jwt payload is an invalid Base64url encoded" },
        { "payload json", "Jwt payload is an invalid JSON" },
        { "iss number", "Jwt payload [iss] field is not a string" },
        { "sub number", "Jwt payload [sub] field is not a string" },
        { "exp string", "Jwt payload [exp] field is not an integer" },
        { "nbf string", "Jwt payload [nbf] field is not an integer" },
        { "iat string", "Jwt payload [iat] field is not an integer" },
        { "jti number", "Jwt payload [jti] field is not a string" },
        { "aud number", "Jwt payload [aud] field is not a string or string list" },
        { "signature base64", "Jwt signature is an invalid Base64url encoded" },
        { "no keys", "Jwks doesn't have valid keys" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_bad_token_is_refused_with_Envoys_text(string @case, string message)
    {
        using var other = TestIssuer.Rsa();
        var now = Now;
        var rule = Rule(change: p => p with { Audiences = ["bookinfo.com"] });
        var good = _rsa.Token(new { aud = "bookinfo.com" });
        string Header(string json) => _rsa.Sign(json, $$"""{"iss":"{{_rsa.Issuer}}","sub":"s","aud":"bookinfo.com"}""");
        string Payload(string json) => _rsa.Sign("""{"alg":"RS256","kid":"rsa-1"}""", json);
        var token = @case switch
        {
            "expired" => _rsa.Token(new { aud = "bookinfo.com" }, exp: now - 120),
            "not yet valid" => _rsa.Token(new { aud = "bookinfo.com" }, nbf: now + 120),
            "bad signature" => good[..(good.LastIndexOf('.') + 1)] + other.Token().Split('.')[2],
            "other issuer" => other.Token(new { aud = "bookinfo.com", iss = "https://elsewhere" }),
            "wrong audience" => _rsa.Token(new { aud = new[] { "travels.com", "cars.com" } }),
            "unknown kid" => _rsa.Token(new { aud = "bookinfo.com" }, kid: "rotated-away"),
            "two dots" => "abc.def",
            "header base64" => "a$b." + good.Split('.', 2)[1],
            "header json" => Header("{not json"),
            "no alg" => Header("""{"kid":"rsa-1"}"""),
            "HS256" => Header("""{"alg":"HS256"}"""),
            "kid number" => Header("""{"alg":"RS256","kid":7}"""),
            "payload base64" => good.Split('.')[0] + ".p$y." + good.Split('.')[2],
            "payload json" => Payload("[1,"),
            "iss number" => Payload("""{"iss":1}"""),
            "sub number" => Payload($$"""{"iss":"{{_rsa.Issuer}}","sub":2}"""),
            "exp string" => Payload("""{"exp":"tomorrow"}"""),
            "nbf string" => Payload("""{"nbf":"today"}"""),
            "iat string" => Payload("""{"iat":"now"}"""),
            "jti number" => Payload("""{"jti":3}"""),
            "aud number" => Payload("""{"aud":4}"""),
            "signature base64" => good[..(good.LastIndexOf('.') + 1)] + "s!g",
            "no keys" => good,
            _ => throw new ArgumentException(@case),
        };
        if (@case == "no keys")
            rule = rule with { Jwks = """{"keys":[]}""" };
        // The bearer prefix takes the JWT characters that follow it: a '$' or '!' would end the
        // token early, so malformed ones go in a header of their own without a prefix.
        var http = Request(headers: ("x-jwt", token));
        var result = Check(http, rule with { FromHeaders = [new JwtHeaderLocation { Name = "x-jwt" }] });
        result.Status.Message().Should().Be(message);
        result.Claims.Should().BeNull();
        http.Request.Headers["x-jwt"].ToString().Should().Be(token, "a refused request is not changed");
    }

    [Fact]
    public void Expiry_and_not_before_allow_Envoys_60_seconds_of_clock_skew()
    {
        var now = Now;
        Check(Request(_rsa.Token(exp: now - 30)), Rule()).Status.Should().Be(JwtStatus.Ok);
        Check(Request(_rsa.Token(nbf: now + 30)), Rule()).Status.Should().Be(JwtStatus.Ok);
        Check(Request(_rsa.Token(exp: now - 90)), Rule()).Status.Should().Be(JwtStatus.Expired);
    }

    [Fact]
    public void A_key_without_kid_verifies_any_token_and_a_key_with_another_alg_does_not()
    {
        Check(Request(_rsa.Token()), Rule(change: p => p with { Jwks = _rsa.Jwks(withKid: false) })).Status.Should().Be(JwtStatus.Ok);
        Check(Request(_rsa.Token()), Rule(change: p => p with { Jwks = _rsa.Jwks(alg: "RS512") })).Status.Message()
            .Should().Be("Jwks doesn't have key to match kid or alg from Jwt");
    }

    [Fact]
    public void Any_of_the_audiences_of_a_token_may_be_the_allowed_one()
    {
        var rule = Rule(change: p => p with { Audiences = ["bookinfo.com", "travels.com"] });
        var result = Check(Request(_rsa.Token(new { aud = new[] { "other", "travels.com" } })), rule);
        result.Status.Should().Be(JwtStatus.Ok);
        result.Claims!.Audiences.Should().Equal("other", "travels.com");
    }

    [Fact]
    public void Tokens_are_read_from_the_access_token_query_parameter_by_default()
    {
        var http = Request(query: "?access_token=" + _rsa.Token() + "&x=1");
        Check(http, Rule()).Claims!.RequestPrincipal.Should().Be("testing@secure.istio.io/testing@secure.istio.io");
        Check(Request(query: "?access_token=" + _rsa.Token(exp: Now - 600)), Rule()).Status.Message().Should().Be("Jwt is expired");
    }

    [Fact]
    public void FromHeaders_replaces_the_default_locations_and_its_prefix_must_be_present()
    {
        var rule = Rule(change: p => p with { FromHeaders = [new JwtHeaderLocation { Name = "x-jwt-assertion", Prefix = "Token " }] });
        Check(Request(headers: ("x-jwt-assertion", "Token " + _rsa.Token())), rule).Status.Should().Be(JwtStatus.Ok);
        // Not in the named header, or without the prefix: not a token of this rule at all.
        Check(Request(_rsa.Token(exp: Now - 600)), rule).Should().Be(JwtResult.NoToken);
        Check(Request(headers: ("x-jwt-assertion", _rsa.Token(exp: Now - 600))), rule).Should().Be(JwtResult.NoToken);
        Check(Request(query: "?access_token=" + _rsa.Token(exp: Now - 600)), rule).Should().Be(JwtResult.NoToken);
    }

    [Fact]
    public void FromParams_and_fromCookies_name_where_tokens_are_and_are_left_in_place()
    {
        var rule = Rule(change: p => p with { FromParams = ["my_token"], FromCookies = ["session"] });
        var query = Request(query: "?my_token=" + _rsa.Token(sub: "by-param"));
        Check(query, rule).Claims!.RequestPrincipal.Should().EndWith("/by-param");
        query.Request.QueryString.Value.Should().StartWith("?my_token=");

        var cookie = Request(headers: ("cookie", "theme=dark; session=" + _rsa.Token(sub: "by-cookie")));
        Check(cookie, rule).Claims!.RequestPrincipal.Should().EndWith("/by-cookie");
        cookie.Request.Headers.Cookie.ToString().Should().Contain("session=");
        Check(Request(headers: ("cookie", "session=" + _rsa.Token(exp: Now - 600))), rule).Status.Message().Should().Be("Jwt is expired");
    }

    [Fact]
    public void ForwardOriginalToken_keeps_the_header_for_the_application()
    {
        var token = _rsa.Token();
        var http = Request(token);
        Check(http, Rule(change: p => p with { ForwardOriginalToken = true })).Status.Should().Be(JwtStatus.Ok);
        http.Request.Headers.Authorization.ToString().Should().Be("Bearer " + token);
    }

    [Fact]
    public void OutputPayloadToHeader_and_outputClaimToHeaders_hand_the_verified_claims_to_the_application()
    {
        var token = _rsa.Token(new { groups = new[] { "group1", "group2" }, level = 3, admin = true, nested = new { key = new { value = "deep" } } });
        var http = Request(token, headers: ("x-jwt-group", "spoofed"));
        var rule = Rule(change: p => p with
        {
            OutputPayloadToHeader = "x-jwt-payload",
            OutputClaimToHeaders =
            [
                new JwtClaimHeader { Header = "x-jwt-group", Claim = "groups" },
                new JwtClaimHeader { Header = "x-jwt-level", Claim = "level" },
                new JwtClaimHeader { Header = "x-jwt-admin", Claim = "admin" },
                new JwtClaimHeader { Header = "x-jwt-nested", Claim = "nested.key.value" },
                new JwtClaimHeader { Header = "x-jwt-absent", Claim = "absent" },
            ],
        });
        Check(http, rule).Status.Should().Be(JwtStatus.Ok);
        var headers = http.Request.Headers;
        headers["x-jwt-payload"].ToString().Should().Be(token.Split('.')[1]);
        headers["x-jwt-group"].ToString().Should().Be("group1,group2");
        headers["x-jwt-level"].ToString().Should().Be("3");
        headers["x-jwt-admin"].ToString().Should().Be("true");
        headers["x-jwt-nested"].ToString().Should().Be("deep");
        headers.ContainsKey("x-jwt-absent").Should().BeFalse();
    }

    [Fact]
    public void Each_token_is_checked_by_the_rule_of_its_issuer()
    {
        var http = Request(_ec.Token(sub: "bob"));
        var result = Check(http, Rule(), Rule(_ec) with { Name = "foo/jwt-example.jwtRules[1]" });
        result.Status.Should().Be(JwtStatus.Ok);
        result.Provider.Should().Be("foo/jwt-example.jwtRules[1]");
        result.Claims!.RequestPrincipal.Should().Be("https://ec.example.com/bob");
    }

    [Fact]
    public void A_good_token_beside_a_bad_one_is_refused()
    {
        var http = Request(_rsa.Token(), "?access_token=" + _rsa.Token(exp: Now - 600));
        Check(http, Rule()).Status.Message().Should().Be("Jwt is expired");
    }

    [Fact]
    public void Claims_are_read_nested_as_lists_and_space_delimited_for_authorization()
    {
        var token = _rsa.Token(new { scope = "read write", roles = "a b", groups = new[] { "dev", "ops" }, org = new { team = "payments" }, azp = "web-client", aud = "x" });
        var claims = Check(Request(token), Rule(change: p => p with { SpaceDelimitedClaims = ["roles"] })).Claims!;
        claims.Values(["scope"]).Should().Equal("read", "write");
        claims.Values(["roles"]).Should().Equal("a", "b");
        claims.Values(["groups"]).Should().Equal("dev", "ops");
        claims.Values(["org", "team"]).Should().Equal("payments");
        claims.Values(["org", "missing"]).Should().BeEmpty();
        claims.Presenter.Should().Be("web-client");
        claims.Audiences.Should().Equal("x");
    }

    [Fact]
    public void Keys_the_proxy_cannot_use_are_left_out_with_the_reason()
    {
        var set = JwtKeySet.Parse("""{"keys":[{"kty":"oct","k":"c2VjcmV0"},{"kty":"RSA","kid":"x"},""" + _rsa.Jwks()[9..^2] + "]}");
        set.Keys.Should().HaveCount(1);
        set.Problems.Should().Equal("keys[0]: kty \"oct\" is not supported (RSA and EC are)", "keys[1]: the key has no \"n\"");
        JwtKeySet.Parse("not json").Problems.Should().ContainSingle().Which.Should().StartWith("the key set is not JSON: ");
    }
}
