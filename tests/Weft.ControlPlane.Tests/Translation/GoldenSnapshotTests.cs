using Weft.ControlPlane.Translation;
using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Translation;

/// <summary>
/// Given these resources, this proxy gets exactly this snapshot. The YAML beside this file is the
/// input; <c>CASE.PROXY.json</c> is the expected snapshot, written in the Discovery codec's JSON
/// and reviewed by hand: those files are the specification of translation. A new case starts
/// with WEFT_UPDATE_GOLDEN=1, which writes the files for review instead of comparing.
/// </summary>
public sealed class GoldenSnapshotTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // Services, endpoints, default routes; h2c to endpoints with sidecars; inbound ports.
        { "services", "client.travel" },
        { "services", "cars-vm-v1.travel" },
        { "services", "teller.billing" },
        // Every HTTP route feature; sourceLabels, sourceNamespace, gateways and port filtering.
        { "routing", "portal.travel" },
        { "routing", "other.travel" },
        { "routing", "visitor.elsewhere" },
        // Delegates flattened into the root's routes.
        { "delegate", "portal-1.front" },
        // tcp routes by port, tls routes by SNI.
        { "streams", "app.data" },
        // Subset and port-level policies; precedence of proxy, service and root namespaces.
        { "destinationrules", "client.travel" },
        { "destinationrules", "client.portal" },
        // exportTo, Sidecar egress hosts, REGISTRY_ONLY and ALLOW_ANY.
        { "scoping", "app.locked" },
        { "scoping", "app.shared" },
        { "scoping", "app.other" },
    };

    private static readonly Dictionary<string, NodeInfo> Proxies = new(StringComparer.Ordinal)
    {
        ["services/client.travel"] = TranslationFixture.Node("client", "travel", "127.10.0.9", "app=client"),
        ["services/cars-vm-v1.travel"] = TranslationFixture.Node("cars-vm-v1", "travel", "127.10.0.1", "app=cars,version=v1",
            (8080, 18080), (9000, 19000), (15432, 25432), (7000, 17000)),
        ["services/teller.billing"] = TranslationFixture.Node("teller", "billing", "127.10.1.9", "app=teller"),
        ["routing/portal.travel"] = TranslationFixture.Node("portal", "travel", "127.11.0.9", "app=portal"),
        ["routing/other.travel"] = TranslationFixture.Node("other", "travel", "127.11.0.8", "app=other"),
        ["routing/visitor.elsewhere"] = TranslationFixture.Node("visitor", "elsewhere", "127.11.0.7", "app=visitor"),
        ["delegate/portal-1.front"] = TranslationFixture.Node("portal-1", "front", "127.12.0.1", "app=portal", (80, 18000)),
        ["streams/app.data"] = TranslationFixture.Node("app", "data", "127.13.0.9", "app=app"),
        ["destinationrules/client.travel"] = TranslationFixture.Node("client", "travel", "127.14.0.9", "app=client"),
        ["destinationrules/client.portal"] = TranslationFixture.Node("client", "portal", "127.14.0.8", "app=client"),
        ["scoping/app.locked"] = TranslationFixture.Node("app", "locked", "127.15.0.1", "app=app"),
        ["scoping/app.shared"] = TranslationFixture.Node("app", "shared", "127.15.0.2", "app=app"),
        ["scoping/app.other"] = TranslationFixture.Node("app", "other", "127.15.0.3", "app=app"),
    };

    /// <summary>Addresses whose proxies are connected, per case: decides h2c between sidecars.</summary>
    private static readonly Dictionary<string, string[]> Connected = new(StringComparer.Ordinal)
    {
        ["services"] = ["127.10.0.3"],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_proxy_gets_exactly_the_expected_snapshot(string caseName, string proxy)
    {
        var push = TranslationFixture.PushFromFile(caseName + ".yaml");
        var node = Proxies[$"{caseName}/{proxy}"];
        var snapshot = SnapshotBuilder.Build(push, node, new HashSet<string>(Connected.GetValueOrDefault(caseName) ?? [], StringComparer.Ordinal));

        SnapshotValidator.Validate(snapshot).Should().BeEmpty("the proxy must accept what translation builds");
        var actual = SnapshotCodec.EncodeIndented(snapshot).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(TranslationFixture.GoldenDir, $"{caseName}.{proxy}.json");
        if (Environment.GetEnvironmentVariable("WEFT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).Should().BeTrue($"{path} is the expected snapshot; run with WEFT_UPDATE_GOLDEN=1 to write it, then review it");
        actual.Should().Be(File.ReadAllText(path).ReplaceLineEndings("\n"), $"translation of {caseName}.yaml for {proxy} changed; if on purpose, rewrite {path} with WEFT_UPDATE_GOLDEN=1 and review the diff");
    }
}
