using Weft.Discovery.Listeners;
using Weft.Discovery.Security;
using Weft.Discovery.Snapshot;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security.Jwt;

/// <summary>
/// A real weft-proxy with RequestAuthentication and Istio's require-JWT policy, called with curl:
/// as a sidecar on its inbound listener, and as an ingress gateway (whose listeners face clients
/// directly), the same answers: 200 with the payload for the app, 401 with Envoy's text and a
/// Bearer challenge for a bad token, 403 for none.
/// </summary>
public sealed class JwtProxyTests
{
    private static readonly TestIssuer Issuer = TestIssuer.Rsa();

    private static SecurityConfig RequireJwt() => new()
    {
        JwtProviders = [new JwtProvider { Name = "foo/jwt-example.jwtRules[0]", Issuer = Issuer.Issuer, Jwks = Issuer.Jwks(), OutputPayloadToHeader = "x-jwt-payload" }],
        AuthorizationPolicies = [new AuthorizationPolicy
        {
            Name = "require-jwt",
            Namespace = "foo",
            Rules = [new AuthorizationRule { From = [new AuthorizationSource { RequestPrincipals = ["testing@secure.istio.io/testing@secure.istio.io"] }] }],
        }],
    };

    private static Task<Run.Result> CurlAsync(string address, int port, params string[] extra) =>
        Run.CommandAsync("curl", ["-sS", "-i", "--max-time", "10", .. extra, $"http://{address}:{port}/headers"], timeout: TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(ProxyMode.Sidecar)]
    [InlineData(ProxyMode.Gateway)]
    public async Task Valid_tokens_reach_the_app_with_their_payload_and_bad_or_missing_ones_are_refused(ProxyMode mode)
    {
        await using var app = await TestBackend.StartAsync("httpbin");
        var address = Net.UniqueLoopback();
        var snapshot = Snap.Forwarding(address, 8000, app) with { Security = RequireJwt(), Node = new NodeInfo { Name = "p", Namespace = "foo", Mode = mode } };
        if (mode == ProxyMode.Sidecar)
            snapshot = snapshot with { Listeners = [snapshot.Listeners[0] with { Direction = TrafficDirection.Inbound }] };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);

        var token = Issuer.Token();
        var ok = await CurlAsync(address, 8000, "-H", "Authorization: Bearer " + token);
        ok.StdOut.Should().StartWith("HTTP/1.1 200 OK");
        ok.StdOut.Should().Contain("x-jwt-payload: " + token.Split('.')[1]).And.NotContainEquivalentOf("authorization:");

        var expired = await CurlAsync(address, 8000, "-H", "Authorization: Bearer " + Issuer.Token(exp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600));
        expired.StdOut.Should().StartWith("HTTP/1.1 401 Unauthorized").And.EndWith("\r\n\r\nJwt is expired");
        expired.StdOut.Should().Contain($"WWW-Authenticate: Bearer realm=\"http://{address}:8000/headers\", error=\"invalid_token\"");

        var missing = await CurlAsync(address, 8000);
        missing.StdOut.Should().StartWith("HTTP/1.1 403 Forbidden").And.EndWith("\r\n\r\nRBAC: access denied");
        app.Count.Should().Be(1);
        await proxy.Process.Process.WaitForLineAsync("Refused GET /headers: JWT rule foo/jwt-example.jwtRules[0] says Jwt is expired", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
