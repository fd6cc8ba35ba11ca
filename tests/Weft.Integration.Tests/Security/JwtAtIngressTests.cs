using Weft.Integration.Tests.Gateways;
using Weft.Testing;

namespace Weft.Integration.Tests.Security;

/// <summary>
/// Istio's "JWT at ingress" task with real processes: weftd, an ingress gateway started with
/// `weft gateway run`, an httpbin backend and an identity provider serving its JWKS on loopback.
/// A RequestAuthentication and an AuthorizationPolicy select the gateway (istio: ingressgateway
/// in istio-system); weftd fetches the jwksUri and the gateway enforces both; curl is the client.
/// </summary>
public sealed class JwtAtIngressTests
{
    private const string Principal = "testing@secure.istio.io/testing@secure.istio.io";

    [Fact]
    public async Task A_valid_token_reaches_the_app_with_its_payload_an_expired_one_gets_401_and_none_gets_403()
    {
        await using var lab = await GatewayLab.StartAsync();
        await using var idp = new JwtIssuer("testing@secure.istio.io", Net.UniqueLoopback());
        var app = Net.UniqueLoopback();
        var gateway = Net.UniqueLoopback();
        var httpbin = lab.Backend("httpbin", app, 8000);
        await lab.ApplyAsync("httpbin.yaml", $$"""
            apiVersion: v1
            kind: Service
            metadata: {name: httpbin, namespace: foo}
            spec:
              selector: {app: httpbin}
              ports: [{name: http, port: 8000}]
            ---
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: httpbin, namespace: foo}
            spec:
              address: {{app}}
              labels: {app: httpbin}
            ---
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: httpbin-gateway, namespace: foo}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 80, name: http, protocol: HTTP}
                hosts: ["*"]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: httpbin, namespace: foo}
            spec:
              hosts: ["*"]
              gateways: [httpbin-gateway]
              http:
              - route:
                - destination:
                    host: httpbin.foo.svc.cluster.local
                    port: {number: 8000}
            """);
        await lab.ApplyAsync("jwt.yaml", $$"""
            apiVersion: security.istio.io/v1
            kind: RequestAuthentication
            metadata: {name: jwt-example, namespace: istio-system}
            spec:
              selector:
                matchLabels: {istio: ingressgateway}
              jwtRules:
              - issuer: testing@secure.istio.io
                jwksUri: {{idp.JwksUri}}
                outputPayloadToHeader: x-jwt-payload
            ---
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: require-jwt, namespace: istio-system}
            spec:
              selector:
                matchLabels: {istio: ingressgateway}
              action: ALLOW
              rules:
              - from:
                - source:
                    requestPrincipals: ["{{Principal}}"]
            """);
        await lab.RunGatewayAsync("istio-ingressgateway", "istio-system", gateway);

        var token = idp.Token("testing@secure.istio.io", TimeSpan.FromHours(1));
        var url = $"http://{gateway}/headers";
        var ok = await lab.CurlUntilAsync(url, "httpbin.example.com", r => r.StdOut.StartsWith("HTTP/1.1 200", StringComparison.Ordinal),
            "the gateway to accept a token verified with the keys weftd fetched", "-H", "Authorization: Bearer " + token);
        ok.StdOut.Should().EndWith("httpbin");
        var head = httpbin.Heads.Last();
        head.Should().ContainEquivalentOf("x-jwt-payload: " + token.Split('.')[1]).And.NotContainEquivalentOf("authorization:");
        idp.Fetches.Should().BeGreaterThan(0);

        var expired = await lab.CurlUntilAsync(url, "httpbin.example.com", r => r.StdOut.StartsWith("HTTP/1.1", StringComparison.Ordinal), "an answer",
            "-H", "Authorization: Bearer " + idp.Token("testing@secure.istio.io", TimeSpan.FromHours(-1)));
        expired.StdOut.Should().StartWith("HTTP/1.1 401 Unauthorized").And.EndWith("\r\n\r\nJwt is expired");

        var foreign = await lab.CurlUntilAsync(url, "httpbin.example.com", r => r.StdOut.StartsWith("HTTP/1.1", StringComparison.Ordinal), "an answer",
            "-H", "Authorization: Bearer " + idp.Token("mallory", TimeSpan.FromHours(1), issuer: "https://evil.example.com"));
        foreign.StdOut.Should().StartWith("HTTP/1.1 401 Unauthorized").And.EndWith("\r\n\r\nJwt issuer is not configured");

        var none = await lab.CurlUntilAsync(url, "httpbin.example.com", r => r.StdOut.StartsWith("HTTP/1.1", StringComparison.Ordinal), "an answer");
        none.StdOut.Should().StartWith("HTTP/1.1 403 Forbidden").And.EndWith("\r\n\r\nRBAC: access denied");
        httpbin.Requests.Should().Be(1);
    }
}
