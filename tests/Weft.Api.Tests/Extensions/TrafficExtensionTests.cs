using Weft.Api.Model.Extensions;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Extensions;

public class TrafficExtensionTests
{
    private const string Rich = """
        apiVersion: extensions.istio.io/v1alpha1
        kind: TrafficExtension
        metadata:
          name: wasm-auth
          namespace: travel-agency
        spec:
          selector:
            matchLabels:
              app: travels
          phase: AUTHZ
          priority: 5
          match:
          - mode: CLIENT_AND_SERVER
            ports: [{number: 8000}]
          wasm:
            url: oci://ghcr.io/example/auth:1.0
            sha256: 1ef0c9a92b0420cf25f7fe5d481b231464bc88f486ca3b9c83ed5cc21d2f6210
            imagePullPolicy: Always
            imagePullSecret: registry
            verificationKey: key
            pluginConfig: {realm: travels}
            pluginName: auth
            failStrategy: FAIL_RELOAD
            vmConfig:
              env: [{name: MODE, valueFrom: INLINE, value: strict}]
            type: NETWORK
        ---
        apiVersion: extensions.istio.io/v1alpha1
        kind: TrafficExtension
        metadata:
          name: lua-header
          namespace: travel-agency
        spec:
          targetRefs: [{group: "", kind: Service, name: cars, namespace: ""}]
          lua:
            inlineCode: |
              function envoy_on_request(handle)
                handle:headers():add("x-lua", "1")
              end
        """;

    [Fact]
    public void A_rich_traffic_extension_round_trips_unchanged()
    {
        var all = Manifests.LoadAll(Rich).Cast<TrafficExtension>().ToList();
        Manifests.UnsetFields([.. all]).Should().BeEmpty();
        foreach (var t in all)
            Manifests.RoundTrip(t);
        all[0].Spec!.Phase.Should().Be(TrafficExtensionPhase.Authz);
        all[1].Spec!.Lua!.InlineCode.Should().StartWith("function envoy_on_request");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "neither wasm nor lua",
            "phase: STATS",
            "spec: Invalid value: \"object\": exactly one of wasm or lua must be set"
        },
        {
            "both wasm and lua",
            "wasm: {url: oci://r/f}\n  lua: {inlineCode: x}",
            "spec: Invalid value: \"object\": exactly one of wasm or lua must be set"
        },
        {
            "empty lua code",
            "lua: {inlineCode: \"\"}",
            "spec.lua.inlineCode in body should be at least 1 chars long"
        },
        {
            "a wasm module without a URL",
            "wasm: {pluginName: x}",
            "spec.wasm.url: Required value"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_traffic_extension_is_refused_with_one_precise_error(string why, string spec, string expected)
    {
        var yaml = $"apiVersion: extensions.istio.io/v1alpha1\nkind: TrafficExtension\nmetadata:\n  name: bad\nspec:\n  {spec}\n";
        Manifests.Messages(yaml).Should().Equal([expected], why);
    }
}
