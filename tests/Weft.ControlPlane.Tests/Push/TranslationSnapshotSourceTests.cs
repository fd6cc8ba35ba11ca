using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Api.Kinds;
using Weft.Api.Model.Mesh;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Push;
using Weft.ControlPlane.Tests.Resources;
using Weft.Discovery.Protocol;
using Weft.Discovery.Snapshot;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Push;

/// <summary>The snapshot source over a real store and config cache: debounce, caching, versions, and connected sidecars as a change.</summary>
public sealed class TranslationSnapshotSourceTests
{
    private static readonly NodeInfo Client = new() { Name = "client", Namespace = "travel", Address = "127.21.0.9" };

    [Fact]
    public async Task A_burst_of_writes_is_one_rebuild_and_a_changed_snapshot_gets_a_new_version()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var resources = TestResources.Open();
        await using var cache = new ConfigCache(resources.Service.Store, KindRegistry.Default, NullLogger<ConfigCache>.Instance);
        await cache.StartAsync(ct);
        await using var source = new TranslationSnapshotSource(cache, MeshConfigSource.FromConfig(new MeshConfig()),
            new PushOptions { Debounce = TimeSpan.FromMilliseconds(300), ProxyPoll = TimeSpan.FromHours(1) }, TimeProvider.System, NullLogger<TranslationSnapshotSource>.Instance);
        var changes = 0;
        using var _ = source.Subscribe(() => Interlocked.Increment(ref changes));
        source.Start(() => []);
        var first = (await source.GetSnapshotAsync(Client, ct))!;
        (await source.GetSnapshotAsync(Client, ct)).Should().BeSameAs(first, "a snapshot is built once per proxy and revision");

        for (var i = 0; i < 10; i++)
            await resources.Service.ApplyAsync(List(Service($"svc{i}")), dryRun: false, ct);
        await Poll.ForAsync(() => source.Current!.Services.Length == 10, "the tenth service to be translated", TestContext.Current.CancellationToken);

        source.Rebuilds.Should().BeLessThan(5, "ten writes within the debounce are rebuilt together (first build + the burst)");
        var second = (await source.GetSnapshotAsync(Client, ct))!;
        second.Version.Should().NotBe(first.Version);
        second.Version.Should().StartWith(source.Current!.Revision + "-");
        changes.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_sidecar_connecting_is_a_change_that_moves_its_clients_to_h2c()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var resources = TestResources.Open();
        await resources.Service.ApplyAsync(List(Service("cars"), WorkloadEntry("cars-1", "127.21.0.1")), dryRun: false, ct);
        await using var cache = new ConfigCache(resources.Service.Store, KindRegistry.Default, NullLogger<ConfigCache>.Instance);
        await cache.StartAsync(ct);
        await using var source = new TranslationSnapshotSource(cache, MeshConfigSource.FromConfig(new MeshConfig()),
            new PushOptions { ProxyPoll = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, NullLogger<TranslationSnapshotSource>.Instance);
        var connected = ImmutableList<ProxyStatus>.Empty;
        var changes = 0;
        using var _ = source.Subscribe(() => Interlocked.Increment(ref changes));
        source.Start(() => connected);
        var before = (await source.GetSnapshotAsync(Client, ct))!;
        before.Clusters.Single(c => c.Name == "outbound|80||cars.travel.svc.cluster.local").Protocol.Should().Be(Discovery.Clusters.UpstreamProtocol.Http1);

        connected = connected.Add(new ProxyStatus { Id = "cars-1.travel", Node = new NodeInfo { Name = "cars-1", Namespace = "travel", Address = "127.21.0.1" }, Peer = "x", Connected = true });
        await Poll.ForAsync(() => Volatile.Read(ref changes) > 0, "the connected sidecar to be noticed", TestContext.Current.CancellationToken);

        var after = (await source.GetSnapshotAsync(Client, ct))!;
        after.Clusters.Single(c => c.Name == "outbound|80||cars.travel.svc.cluster.local").Protocol.Should().Be(Discovery.Clusters.UpstreamProtocol.Http2);
        after.Version.Should().NotBe(before.Version, "same revision, different content: a different version");
    }

    private static JsonObject List(params JsonObject[] items) => new() { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(items) };

    private static JsonObject Service(string name) => TestResources.Json($$$"""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","namespace":"travel"},"spec":{"selector":{"app":"{{{name}}}"},"ports":[{"name":"http","port":80}]}}
        """);

    private static JsonObject WorkloadEntry(string name, string address) => TestResources.Json($$$"""
        {"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"{{{name}}}","namespace":"travel"},"spec":{"address":"{{{address}}}","labels":{"app":"cars"} } }
        """);
}
