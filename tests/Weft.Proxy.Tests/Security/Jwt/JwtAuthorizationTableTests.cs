using System.Net;
using Microsoft.AspNetCore.Http;
using Weft.Discovery.Security;
using Weft.Proxy.Security.Authorization;
using Weft.Proxy.Security.Jwt;

namespace Weft.Proxy.Tests.Security.Jwt;

/// <summary>
/// RequestAuthentication and AuthorizationPolicy together, case by case, as a sidecar answers:
/// the token a request carries (none, valid, expired, another subject or claims), the policies,
/// and the answer: 200, 401 with Envoy's jwt_authn text, or 403 <c>RBAC: access denied</c>.
/// Covers Istio's "require JWT" patterns and every request.auth.* attribute.
/// </summary>
public sealed class JwtAuthorizationTableTests
{
    private static readonly TestIssuer Issuer = TestIssuer.Rsa();
    private const string Principal = "testing@secure.istio.io/testing@secure.istio.io";

    private static AuthorizationPolicy Allow(params AuthorizationRule[] rules) => new() { Name = "require-jwt", Namespace = "foo", Rules = [.. rules] };
    private static AuthorizationPolicy Deny(params AuthorizationRule[] rules) => new() { Name = "deny", Namespace = "foo", Action = AuthorizationAction.Deny, Rules = [.. rules] };
    private static AuthorizationRule From(AuthorizationSource s) => new() { From = [s] };
    private static AuthorizationRule When(string key, string[] values, string[]? notValues = null) =>
        new() { When = [new AuthorizationCondition { Key = key, Values = [.. values], NotValues = [.. notValues ?? []] }] };

    /// <summary>The token of a case: none, or one from the test issuer with these claims.</summary>
    public sealed record Token(string Name, object? Claims = null, bool Expired = false, string Sub = "testing@secure.istio.io")
    {
        public override string ToString() => Name;
    }

    private static readonly Token None = new("no token");
    private static readonly Token Valid = new("valid token");
    private static readonly Token Expired = new("expired token", Expired: true);
    private static Token With(string name, object claims) => new(name, claims);

    public static TheoryData<string, Token, AuthorizationPolicy[], string> Cases() => new()
    {
        // No policy: RequestAuthentication alone refuses bad tokens and lets requests without one pass.
        { "no policy, no token", None, [], "200" },
        { "no policy, valid token", Valid, [], "200" },
        { "no policy, expired token", Expired, [], "401 Jwt is expired" },
        // Istio's require-JWT patterns.
        { "ALLOW requestPrincipals * without a token", None, [Allow(From(new() { RequestPrincipals = ["*"] }))], "403 RBAC: access denied" },
        { "ALLOW requestPrincipals * with a token", Valid, [Allow(From(new() { RequestPrincipals = ["*"] }))], "200" },
        { "ALLOW requestPrincipals * with an expired token", Expired, [Allow(From(new() { RequestPrincipals = ["*"] }))], "401 Jwt is expired" },
        { "DENY notRequestPrincipals * without a token", None, [Deny(From(new() { NotRequestPrincipals = ["*"] }))], "403 RBAC: access denied" },
        { "DENY notRequestPrincipals * with a token", Valid, [Deny(From(new() { NotRequestPrincipals = ["*"] }))], "200" },
        // requestPrincipals by value.
        { "requestPrincipals exact", Valid, [Allow(From(new() { RequestPrincipals = [Principal] }))], "200" },
        { "requestPrincipals of another subject", new Token("token of bob", Sub: "bob"), [Allow(From(new() { RequestPrincipals = [Principal] }))], "403 RBAC: access denied" },
        { "requestPrincipals prefix by issuer", new Token("token of bob", Sub: "bob"), [Allow(From(new() { RequestPrincipals = ["testing@secure.istio.io/*"] }))], "200" },
        { "notRequestPrincipals names the subject", Valid, [Deny(From(new() { NotRequestPrincipals = [Principal] }))], "200" },
        // request.auth.* conditions.
        { "when request.auth.principal", Valid, [Allow(When("request.auth.principal", [Principal]))], "200" },
        { "when request.auth.principal without a token", None, [Allow(When("request.auth.principal", [Principal]))], "403 RBAC: access denied" },
        { "when request.auth.audiences any of the list", With("aud list", new { aud = new[] { "a.com", "bookinfo.com" } }), [Allow(When("request.auth.audiences", ["bookinfo.com"]))], "200" },
        { "when request.auth.audiences none of the list", With("aud list", new { aud = new[] { "a.com" } }), [Allow(When("request.auth.audiences", ["bookinfo.com"]))], "403 RBAC: access denied" },
        { "when request.auth.presenter", With("azp", new { azp = "web" }), [Allow(When("request.auth.presenter", ["web"]))], "200" },
        { "when request.auth.claims[groups] list element", With("groups", new { groups = new[] { "group1", "group2" } }), [Allow(When("request.auth.claims[groups]", ["group1"]))], "200" },
        { "when request.auth.claims[groups] not in the list", With("groups", new { groups = new[] { "group2" } }), [Allow(When("request.auth.claims[groups]", ["group1"]))], "403 RBAC: access denied" },
        { "when request.auth.claims[groups] notValues", With("groups", new { groups = new[] { "group1", "banned" } }), [Deny(When("request.auth.claims[groups]", [], ["group1"]))], "200" },
        { "when request.auth.claims nested", With("nested", new { nested = new { key1 = new { key2 = "value" } } }), [Allow(When("request.auth.claims[nested][key1][key2]", ["value"]))], "200" },
        { "when request.auth.claims nested mismatch", With("nested", new { nested = new { key1 = "value" } }), [Allow(When("request.auth.claims[nested][key1][key2]", ["value"]))], "403 RBAC: access denied" },
        { "when request.auth.claims[scope] is space-delimited", With("scope", new { scope = "read write" }), [Allow(When("request.auth.claims[scope]", ["write"]))], "200" },
        { "when request.auth.claims[iss] prefix", Valid, [Allow(When("request.auth.claims[iss]", ["testing@*"]))], "200" },
        { "when request.auth.claims without a token", None, [Allow(When("request.auth.claims[iss]", ["testing@secure.istio.io"]))], "403 RBAC: access denied" },
        { "DENY on a claim value", With("role", new { role = "guest" }), [Deny(When("request.auth.claims[role]", ["guest"]))], "403 RBAC: access denied" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_answer_is_Istios(string name, Token token, AuthorizationPolicy[] policies, string expected)
    {
        _ = name;
        var rule = new JwtProvider { Name = "foo/jwt-example.jwtRules[0]", Issuer = Issuer.Issuer, Jwks = Issuer.Jwks() };
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = "/headers";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (token != None)
            http.Request.Headers.Authorization = "Bearer " + Issuer.Token(token.Claims, token.Sub, exp: token.Expired ? now - 3600 : null);
        var result = JwtAuthenticator.Compile([rule])!.Authenticate(http, now);
        string answer;
        if (!result.Ok)
            answer = "401 " + result.Status.Message();
        else
        {
            var decision = CompiledAuthorization.Compile(policies).Evaluate(new AuthorizationRequest
            {
                SourceIp = IPAddress.Loopback,
                Host = "httpbin.foo:8000",
                Method = "GET",
                Path = "/headers",
                DestinationPort = 8000,
                Jwt = result.Claims,
            });
            answer = decision.Allowed ? "200" : "403 RBAC: access denied";
        }
        answer.Should().Be(expected);
    }
}
