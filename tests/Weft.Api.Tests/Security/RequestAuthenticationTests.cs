using Weft.Api.Model;
using Weft.Api.Model.Security;

namespace Weft.Api.Tests.Security;

public class RequestAuthenticationTests
{
    private const string Rich = """
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata:
          name: jwt
          namespace: travel-control
        spec:
          selector:
            matchLabels:
              app: control
          jwtRules:
          - issuer: https://accounts.example.com
            audiences: ["control", "travels"]
            jwksUri: https://accounts.example.com/.well-known/jwks.json
            fromHeaders:
            - name: x-jwt-assertion
              prefix: "Bearer "
            fromParams: ["token"]
            fromCookies: ["session"]
            outputPayloadToHeader: x-jwt-payload
            forwardOriginalToken: true
            outputClaimToHeaders:
            - header: x-user
              claim: sub
            timeout: 5s
            spaceDelimitedClaims: ["roles"]
            presence: REQUIRED
          - issuer: legacy
            jwks_uri: http://keys.legacy.svc:8080/jwks
          - issuer: inline
            jwks: '{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}'
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata:
          name: at-gateway
          namespace: istio-ingress
        spec:
          targetRef:
            group: gateway.networking.k8s.io
            kind: Gateway
            name: ingress
            namespace: ""
          jwtRules:
          - jwksUri: https://keys.example.com/jwks
        ---
        apiVersion: security.istio.io/v1beta1
        kind: RequestAuthentication
        metadata:
          name: on-service
          namespace: travel-agency
        spec:
          targetRefs:
          - group: ""
            kind: Service
            name: travels
            namespace: ""
          jwtRules:
          - issuer: https://accounts.example.com
        """;

    [Fact]
    public void A_rich_request_authentication_round_trips_unchanged()
    {
        var all = Manifests.LoadAll(Rich).Cast<RequestAuthentication>().ToList();
        Manifests.UnsetFields([.. all]).Should().BeEmpty();
        foreach (var ra in all)
            Manifests.RoundTrip(ra);
        var rule = all[0].Spec!.JwtRules![0];
        rule.Timeout.Should().Be(new Duration("5s"));
        rule.Presence.Should().Be(JwtPresence.Required);
        all[0].Spec!.JwtRules![1].EffectiveJwksUri.Should().Be("http://keys.legacy.svc:8080/jwks");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "a rule with neither issuer nor JWKS URI",
            "jwtRules:\n  - audiences: [a]",
            "spec.jwtRules[0].issuer: Required value: a JWT rule names its issuer, its jwksUri, or both"
        },
        {
            "inline keys and a JWKS URI together",
            "jwtRules:\n  - issuer: a\n    jwksUri: https://k\n    jwks: '{\"keys\":[]}'",
            "spec.jwtRules[0]: Invalid value: \"object\": only one of jwks or jwksUri can be set"
        },
        {
            "a JWKS URI over another scheme",
            "jwtRules:\n  - issuer: a\n    jwksUri: ftp://keys.example.com/jwks",
            "spec.jwtRules[0].jwksUri: Invalid value: \"string\": url must have scheme http:// or https://"
        },
        {
            "inline keys that are not a key set",
            "jwtRules:\n  - issuer: a\n    jwks: '{\"kty\":\"EC\"}'",
            "spec.jwtRules[0].jwks: Invalid value: jwks parse error: a JSON Web Key Set has a \"keys\" array"
        },
        {
            "a claim header with a colon",
            "jwtRules:\n  - issuer: a\n    outputClaimToHeaders: [{header: \"x:user\", claim: sub}]",
            "spec.jwtRules[0].outputClaimToHeaders[0].header in body should match '^[-_A-Za-z0-9]+$'"
        },
        {
            "a claim header without its claim",
            "jwtRules:\n  - issuer: a\n    outputClaimToHeaders: [{header: x-user}]",
            "spec.jwtRules[0].outputClaimToHeaders[0].claim: Required value"
        },
        {
            "a timeout under a millisecond",
            "jwtRules:\n  - issuer: a\n    timeout: 100us",
            "spec.jwtRules[0].timeout: Invalid value: \"100us\": must be a valid duration greater than 1ms"
        },
        {
            "an empty audience",
            "jwtRules:\n  - issuer: a\n    audiences: [\"\"]",
            "spec.jwtRules[0].audiences[0] in body should be at least 1 chars long"
        },
        {
            "targetRef and targetRefs together",
            "targetRef: {kind: Service, name: a}\n  targetRefs: [{kind: Service, name: b}]",
            "spec: Invalid value: \"object\": only one of targetRefs or selector can be set"
        },
        {
            "a targetRef without a name",
            "targetRef: {kind: Service}",
            "spec.targetRef.name: Required value"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_request_authentication_is_refused_with_one_precise_error(string why, string spec, string expected)
    {
        var yaml = $"apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: bad\nspec:\n  {spec}\n";
        Manifests.Messages(yaml).Should().Equal([expected], why);
    }
}
