using Weft.Api.Model.Networking;
using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

public class ProxyConfigTests
{
    internal const string Rich = """
        apiVersion: networking.istio.io/v1beta1
        kind: ProxyConfig
        metadata: {name: travels, namespace: travel-agency}
        spec:
          selector:
            matchLabels: {app: travels}
          concurrency: 2
          environmentVariables: {ISTIO_META_DNS_CAPTURE: "true"}
          image: {imageType: distroless}
        """;

    [Fact]
    public void A_rich_proxy_config_round_trips_through_yaml_and_json()
    {
        var pc = Manifests.Load<ProxyConfig>(Rich);
        UnsetTypeFields(pc).Should().BeEmpty();
        RoundTrips(pc);
        pc.Spec!.Concurrency.Should().Be(2);
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "a negative concurrency",
            "concurrency: -2",
            ["spec.concurrency: Invalid value: -2: spec.concurrency in body should be greater than or equal to 0"]
        },
        {
            "a wildcard in a selector key",
            "selector: {matchLabels: {\"app*\": travels}}",
            ["spec.selector.matchLabels: Invalid value: \"object\": wildcard not allowed in label key match"]
        },
        {
            "an environment value over 2048 characters",
            $"environmentVariables: {{BIG: \"{new string('x', 2049)}\"}}",
            ["spec.environmentVariables[BIG]: Too long: may not be more than 2048 bytes"]
        },
        {
            "dry-run on a kind that does not support it",
            "concurrency: 1",
            ["metadata.annotations[istio.io/dry-run]: Forbidden: ProxyConfig does not support dry-run; only AuthorizationPolicy does"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_proxy_config_is_refused_with_precise_errors(string why, string spec, string[] expected)
    {
        var yaml = Doc("ProxyConfig", spec, "v1beta1");
        if (why.StartsWith("dry-run", StringComparison.Ordinal))
            yaml = yaml.Replace("  namespace: travel\n", "  namespace: travel\n  annotations: {istio.io/dry-run: \"true\"}\n", StringComparison.Ordinal);
        Manifests.Messages(yaml).Should().Equal(expected, why);
    }
}
