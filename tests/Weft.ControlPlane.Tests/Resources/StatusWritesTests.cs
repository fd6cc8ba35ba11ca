using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Api.Kinds;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.Tests.Resources;

/// <summary>
/// weftd's status writers (analysis, Gateway API status, ServiceEntry addresses) build a status
/// from the config snapshot they read; a write must give way when the object changed since, or
/// it puts back what another writer just replaced (seen in the demo: analysis wrote a VM's stale
/// Healthy=False over the supervisor's Healthy=True, and the VM got no traffic for good).
/// </summary>
public class StatusWritesTests
{
    private static JsonObject Entry() => TestResources.Json("""
        {"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"flights-vm","namespace":"travel-agency"},
         "spec":{"address":"127.21.0.7","labels":{"app":"flights-vm"}}}
        """);

    private static JsonObject Healthy(string value) => new()
    {
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Healthy", ["status"] = value }),
    };

    [Fact]
    public async Task A_status_built_from_an_older_revision_is_refused_and_the_newer_status_stays()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var resources = TestResources.Open();
        var entries = ResourceType.Of(KindRegistry.Default.Find("networking.istio.io", "WorkloadEntry")!);
        await resources.Service.CreateAsync(entries, "travel-agency", Entry(), ct);
        var unhealthy = Entry();
        unhealthy["status"] = Healthy("False");
        await resources.Service.UpdateStatusAsync(entries, "travel-agency", "flights-vm", unhealthy, ct);
        await using var cache = new ConfigCache(resources.Service.Store, KindRegistry.Default, NullLogger<ConfigCache>.Instance);
        await cache.StartAsync(ct);
        var stale = cache.Current.Objects.Single();
        StatusWrites.Current(stale)["conditions"]![0]!["status"]!.GetValue<string>().Should().Be("False");

        // Another writer moves the status on after the snapshot was read.
        var healthy = Entry();
        healthy["status"] = Healthy("True");
        await resources.Service.UpdateStatusAsync(entries, "travel-agency", "flights-vm", healthy, ct);

        var wanted = StatusWrites.Current(stale);
        wanted["observedGeneration"] = "1";
        (await StatusWrites.TryPutAsync(resources.Service, stale, wanted, ct)).Should().BeFalse("the object changed after the writer read it");
        var stored = await resources.Service.GetAsync(entries, "travel-agency", "flights-vm", ct);
        stored["status"]!["conditions"]![0]!["status"]!.GetValue<string>().Should().Be("True", "the newer status is kept");
        stored["status"]!["observedGeneration"].Should().BeNull();

        // Built from what is stored now, the same write goes through.
        var fresh = await cache.WaitForChangeAsync(stale.ModRevision, ct);
        var current = fresh.Objects.Single();
        var next = StatusWrites.Current(current);
        next["observedGeneration"] = "1";
        (await StatusWrites.TryPutAsync(resources.Service, current, next, ct)).Should().BeTrue();
        stored = await resources.Service.GetAsync(entries, "travel-agency", "flights-vm", ct);
        stored["status"]!["conditions"]![0]!["status"]!.GetValue<string>().Should().Be("True");
        stored["status"]!["observedGeneration"]!.GetValue<string>().Should().Be("1");
    }
}
