using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Api.Kinds;
using Weft.Api.Model.Mesh;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Push;
using Weft.ControlPlane.Tests.Resources;
using Weft.Discovery.Snapshot;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Push;

/// <summary>
/// The snapshot source shares what is the same between proxies and rebuilds only what a change
/// can affect: counted with its build counters over a real store and config cache.
/// </summary>
public sealed class IncrementalTranslationTests
{
    private static readonly NodeInfo A1 = new() { Name = "a1", Namespace = "alpha", Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", "a1") };
    private static readonly NodeInfo A2 = new() { Name = "a2", Namespace = "alpha", Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", "a2") };
    private static readonly NodeInfo B1 = new() { Name = "b1", Namespace = "beta", Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", "b1") };

    [Fact]
    public async Task Sidecars_of_one_namespace_share_one_outbound_part_built_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var resources = TestResources.Open();
        await resources.Service.ApplyAsync(List(Service("a", "alpha"), Service("b", "beta")), dryRun: false, ct);
        await using var cache = new ConfigCache(resources.Service.Store, KindRegistry.Default, NullLogger<ConfigCache>.Instance);
        await cache.StartAsync(ct);
        await using var source = Source(cache);
        source.Start(() => []);

        var a1 = (await source.GetHashedSnapshotAsync(A1, ct))!;
        var a2 = (await source.GetHashedSnapshotAsync(A2, ct))!;
        var b1 = (await source.GetHashedSnapshotAsync(B1, ct))!;

        source.OutboundBuilds.Should().Be(2, "alpha's two sidecars share one outbound part, beta has its own");
        source.ProxyBuilds.Should().Be(3);
        a1.Snapshot.Clusters[0].Should().BeSameAs(a2.Snapshot.Clusters[0], "the outbound clusters are the same objects");
        a1.Snapshot.RouteConfigurations[0].Should().BeSameAs(a2.Snapshot.RouteConfigurations[0]);
        a1.Snapshot.Clusters[0].Should().NotBeSameAs(b1.Snapshot.Clusters[0]);
        a1.Hash.Should().NotBe(a2.Hash, "the proxies differ in their own parts (node, telemetry)");
        (await source.GetHashedSnapshotAsync(A1, ct)).Should().BeSameAs(a1, "a snapshot is built once per proxy and revision");
    }

    [Fact]
    public async Task A_VirtualService_exported_to_its_own_namespace_rebuilds_only_that_namespace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var resources = TestResources.Open();
        await resources.Service.ApplyAsync(List(Service("a", "alpha"), Service("b", "beta")), dryRun: false, ct);
        await using var cache = new ConfigCache(resources.Service.Store, KindRegistry.Default, NullLogger<ConfigCache>.Instance);
        await cache.StartAsync(ct);
        await using var source = Source(cache);
        source.Start(() => []);
        var a1 = (await source.GetHashedSnapshotAsync(A1, ct))!;
        var a2 = (await source.GetHashedSnapshotAsync(A2, ct))!;
        var b1 = (await source.GetHashedSnapshotAsync(B1, ct))!;
        var revision = source.Current!.Revision;

        await resources.Service.ApplyAsync(List(VirtualService("a-routes", "alpha", "a", ["."])), dryRun: false, ct);
        await Poll.ForAsync(() => source.Current!.Revision > revision, "the VirtualService to be translated", TestContext.Current.CancellationToken);

        var b1After = (await source.GetHashedSnapshotAsync(B1, ct))!;
        var a1After = (await source.GetHashedSnapshotAsync(A1, ct))!;
        var a2After = (await source.GetHashedSnapshotAsync(A2, ct))!;
        b1After.Should().BeSameAs(b1, "beta cannot see a VirtualService exported to alpha only: its snapshot is carried forward, not rebuilt");
        source.OutboundBuilds.Should().Be(3, "alpha's outbound part is built again, once for both of its sidecars; beta's is kept");
        source.ProxyBuilds.Should().Be(5, "a1 and a2 are rebuilt, b1 is not");
        a1After.Hash.Should().NotBe(a1.Hash);
        a2After.Hash.Should().NotBe(a2.Hash);
        RouteNames(a1After.Snapshot, "a.alpha.svc.cluster.local:80").Should().Equal("to-a");
        RouteNames(a2After.Snapshot, "a.alpha.svc.cluster.local:80").Should().Equal("to-a");
    }

    [Fact]
    public async Task A_VirtualService_exported_everywhere_reaches_every_namespace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var resources = TestResources.Open();
        await resources.Service.ApplyAsync(List(Service("a", "alpha"), Service("b", "beta")), dryRun: false, ct);
        await using var cache = new ConfigCache(resources.Service.Store, KindRegistry.Default, NullLogger<ConfigCache>.Instance);
        await cache.StartAsync(ct);
        await using var source = Source(cache);
        source.Start(() => []);
        var b1 = (await source.GetHashedSnapshotAsync(B1, ct))!;
        var revision = source.Current!.Revision;

        await resources.Service.ApplyAsync(List(VirtualService("a-routes", "alpha", "a", null)), dryRun: false, ct);
        await Poll.ForAsync(() => source.Current!.Revision > revision, "the VirtualService to be translated", TestContext.Current.CancellationToken);

        var b1After = (await source.GetHashedSnapshotAsync(B1, ct))!;
        b1After.Hash.Should().NotBe(b1.Hash);
        RouteNames(b1After.Snapshot, "a.alpha.svc.cluster.local:80").Should().Equal("to-a");
        RouteNames((await source.GetHashedSnapshotAsync(A1, ct))!.Snapshot, "a.alpha.svc.cluster.local:80").Should().Equal("to-a");
    }

    private static TranslationSnapshotSource Source(ConfigCache cache) => new(cache, MeshConfigSource.FromConfig(new MeshConfig()),
        new PushOptions { Debounce = TimeSpan.FromMilliseconds(50), ProxyPoll = TimeSpan.FromHours(1) }, TimeProvider.System, NullLogger<TranslationSnapshotSource>.Instance);

    private static IEnumerable<string> RouteNames(ProxySnapshot snapshot, string virtualHost) =>
        snapshot.RouteConfigurations.Single(r => r.Name == "http_proxy").VirtualHosts.Single(v => v.Name == virtualHost).Routes.Select(r => r.Name);

    private static JsonObject List(params JsonObject[] items) => new() { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(items) };

    private static JsonObject Service(string name, string ns) => TestResources.Json($$$"""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"spec":{"selector":{"app":"{{{name}}}"},"ports":[{"name":"http","port":80}]}}
        """);

    private static JsonObject VirtualService(string name, string ns, string host, string[]? exportTo)
    {
        var vs = TestResources.Json($$$"""
            {"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},
             "spec":{"hosts":["{{{host}}}"],"http":[{"name":"to-a","route":[{"destination":{"host":"{{{host}}}"}}]}]}}
            """);
        if (exportTo is not null)
            vs["spec"]!["exportTo"] = new JsonArray([.. exportTo.Select(e => (JsonNode)e)]);
        return vs;
    }
}
