using Weft.Api.Model.Security;

namespace Weft.Api.Tests.Security;

public class PeerAuthenticationTests
{
    [Fact]
    public void A_rich_peer_authentication_round_trips_unchanged()
    {
        var pa = Manifests.Load<PeerAuthentication>("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata:
              name: cars-strict
              namespace: travel-agency
            spec:
              selector:
                matchLabels:
                  app: cars
              mtls:
                mode: STRICT
              portLevelMtls:
                "8000":
                  mode: PERMISSIVE
                "9090":
                  mode: DISABLE
            """);
        Manifests.UnsetFields(pa).Should().BeEmpty();
        Manifests.RoundTrip(pa);
        pa.Spec!.Mtls!.Mode.Should().Be(MutualTlsMode.Strict);
        pa.Spec.PortLevelMtls!["9090"].Mode.Should().Be(MutualTlsMode.Disable);
    }

    [Fact]
    public void A_mesh_wide_strict_policy_in_the_root_namespace_is_valid()
    {
        Manifests.Load<PeerAuthentication>("""
            apiVersion: security.istio.io/v1beta1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec:
              mtls: {mode: STRICT}
            """).Spec!.Selector.Should().BeNull();
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "port-level modes without a selector",
            "portLevelMtls:\n    \"80\": {mode: STRICT}",
            "spec: Invalid value: \"object\": portLevelMtls requires selector"
        },
        {
            "port-level modes with a selector that has no labels",
            "selector: {}\n  portLevelMtls:\n    \"80\": {mode: STRICT}",
            "spec: Invalid value: \"object\": portLevelMtls requires selector"
        },
        {
            "a port-level key that is not a number",
            "selector: {matchLabels: {app: a}}\n  portLevelMtls:\n    http: {mode: STRICT}",
            "spec.portLevelMtls[http]: Invalid value: \"http\": type conversion error from string to int: the key must be a port number"
        },
        {
            "a port-level key out of range",
            "selector: {matchLabels: {app: a}}\n  portLevelMtls:\n    \"65536\": {mode: STRICT}",
            "spec.portLevelMtls[65536]: Invalid value: \"65536\": port must be between 1-65535"
        },
        {
            "an empty port-level map",
            "selector: {matchLabels: {app: a}}\n  portLevelMtls: {}",
            "spec.portLevelMtls in body should have at least 1 properties"
        },
        {
            "an unknown mode",
            "mtls: {mode: MUTUAL}",
            "spec.mtls.mode: Unsupported value: \"MUTUAL\": supported values: \"UNSET\", \"DISABLE\", \"PERMISSIVE\", \"STRICT\""
        },
        {
            "a selector with an empty key",
            "selector: {matchLabels: {\"\": a}}",
            "spec.selector.matchLabels: Invalid value: \"object\": key must not be empty"
        },
        {
            "dry-run on a kind that does not support it",
            "mtls: {mode: STRICT}\nmetadata:\n  name: x\n  annotations: {istio.io/dry-run: \"true\"}",
            "metadata.annotations[istio.io/dry-run]: Forbidden: PeerAuthentication does not support dry-run; only AuthorizationPolicy does"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_peer_authentication_is_refused_with_one_precise_error(string why, string spec, string expected)
    {
        var yaml = spec.Contains("\nmetadata:", StringComparison.Ordinal)
            ? $"apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  {spec}\n"
            : $"apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: bad\nspec:\n  {spec}\n";
        Manifests.Messages(yaml).Should().Equal([expected], why);
    }
}
