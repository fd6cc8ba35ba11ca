using Weft.Api.Model.Extensions;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Extensions;

public class WasmPluginTests
{
    private const string Rich = """
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata:
          name: openid
          namespace: istio-ingress
        spec:
          selector:
            matchLabels:
              istio: ingressgateway
          url: oci://ghcr.io/example/openid:1.2.0
          sha256: 1ef0c9a92b0420cf25f7fe5d481b231464bc88f486ca3b9c83ed5cc21d2f6210
          imagePullPolicy: IfNotPresent
          imagePullSecret: registry-credentials
          verificationKey: |
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
            -----END PUBLIC KEY-----
          pluginConfig:
            openid_server: authn
            scopes: [openid, email]
          pluginName: openid_filter
          phase: AUTHN
          priority: 10
          failStrategy: FAIL_OPEN
          vmConfig:
            env:
            - name: POD_NAME
              valueFrom: HOST
            - name: TRUST_DOMAIN
              value: cluster.local
          match:
          - mode: SERVER
            ports:
            - number: 8080
            - number: 8443
          type: HTTP
        ---
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: on-gateway, namespace: istio-ingress}
        spec:
          targetRef: {group: gateway.networking.k8s.io, kind: Gateway, name: ingress, namespace: ""}
          url: https://example.com/filters/basic-auth.wasm
        ---
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: on-services, namespace: travel-agency}
        spec:
          targetRefs: [{group: networking.istio.io, kind: ServiceEntry, name: cars, namespace: ""}]
          url: file:///opt/filters/stats.wasm
        """;

    [Fact]
    public void A_rich_wasm_plugin_round_trips_unchanged()
    {
        var all = Manifests.LoadAll(Rich).Cast<WasmPlugin>().ToList();
        Manifests.UnsetFields([.. all]).Should().BeEmpty();
        foreach (var p in all)
            Manifests.RoundTrip(p);
        var spec = all[0].Spec!;
        spec.ImagePullPolicy.Should().Be(PullPolicy.IfNotPresent);
        spec.VmConfig!.Env![0].ValueFrom.Should().Be(EnvValueSource.Host);
        spec.Match![0].Ports!.Select(p => p.Number).Should().Equal(8080u, 8443u);
    }

    [Theory]
    [InlineData("oci://ghcr.io/example/filter:1.0")]
    [InlineData("ghcr.io/example/filter:1.0")]
    [InlineData("localhost/filter.wasm")]
    [InlineData("https://example.com/f.wasm")]
    [InlineData("file:///opt/f.wasm")]
    [InlineData("test")]
    public void Module_urls_istio_can_fetch_are_accepted(string url) =>
        Manifests.Messages($"apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {{name: ok}}\nspec:\n  url: \"{url}\"\n").Should().BeEmpty();

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "a URL with an unknown scheme",
            "url: s3://bucket/f.wasm",
            "spec.url: Invalid value: \"string\": url must have schema one of [http, https, file, oci]"
        },
        {
            "a URL with a bad percent escape",
            "url: \"http://exa%mple.com/f.wasm\"",
            "spec.url: Invalid value: \"string\": url must have schema one of [http, https, file, oci]"
        },
        {
            "a SHA256 in upper case",
            "url: oci://r/f\n  sha256: 1EF0C9A92B0420CF25F7FE5D481B231464BC88F486CA3B9C83ED5CC21D2F6210",
            "spec.sha256 in body should match '(^$|^[a-f0-9]{64}$)'"
        },
        {
            "a missing URL",
            "phase: STATS",
            "spec.url: Required value"
        },
        {
            "an unknown phase",
            "url: oci://r/f\n  phase: AUTH",
            "spec.phase: Unsupported value: \"AUTH\": supported values: \"UNSPECIFIED_PHASE\", \"AUTHN\", \"AUTHZ\", \"STATS\" (did you mean \"AUTHN\"?)"
        },
        {
            "a host variable with a value",
            "url: oci://r/f\n  vmConfig:\n    env: [{name: A, valueFrom: HOST, value: x}]",
            "spec.vmConfig.env[0]: Invalid value: \"object\": value may only be set when valueFrom is INLINE"
        },
        {
            "two variables of one name",
            "url: oci://r/f\n  vmConfig:\n    env: [{name: A, value: x}, {name: A, value: y}]",
            "spec.vmConfig.env[1]: Duplicate value: {\"name\":\"A\"}"
        },
        {
            "a match on port 0",
            "url: oci://r/f\n  match: [{ports: [{number: 0}]}]",
            "spec.match[0].ports[0].number in body should be greater than or equal to 1"
        },
        {
            "a match on a port listed twice",
            "url: oci://r/f\n  match: [{ports: [{number: 80}, {number: 80}]}]",
            "spec.match[0].ports[1]: Duplicate value: {\"number\":80}"
        },
        {
            "an image pull secret name that is too long",
            "url: oci://r/f\n  imagePullSecret: " + new string('s', 254),
            "spec.imagePullSecret: Too long: may not be more than 253 bytes"
        },
        {
            "a selector with a wildcard key",
            "url: oci://r/f\n  selector: {matchLabels: {\"app*\": x}}",
            "spec.selector.matchLabels: Invalid value: \"object\": wildcard not allowed in label key match"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_wasm_plugin_is_refused_with_one_precise_error(string why, string spec, string expected)
    {
        var yaml = $"apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata:\n  name: bad\nspec:\n  {spec}\n";
        Manifests.Messages(yaml).Should().Equal([expected], why);
    }

    [Fact]
    public void A_plugin_without_a_spec_is_refused()
    {
        Manifests.Messages("apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: empty}\n")
            .Should().Equal("spec: Required value");
    }
}
