using System.Text.Json.Nodes;
using Weft.Api.Model.Core;
using Weft.ControlPlane.ClusterIPs;
using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;

namespace Weft.ControlPlane.Tests.ClusterIPs;

/// <summary>
/// Services created without an address get a cluster IP from 10.96.0.0/12, planned once by weftd
/// (the lowest free one, oldest Service first), kept when the manifest is applied again, and every
/// proxy's clusters carry it.
/// </summary>
public sealed class ClusterIPPlanTests
{
    // The fixture numbers creation times in document order: the first Service is the oldest.
    private static string Svc(string name, string extra = "") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: travel}
        spec:
          selector: {app: {{name}}}
          ports: [{name: http, port: 8000}]
        {{extra}}
        ---

        """;

    private static List<Service> Services(string yaml) =>
        [.. TranslationFixture.Load(yaml).OfType<Service>().OrderBy(s => s.Metadata.CreationTimestamp, StringComparer.Ordinal)];

    [Fact]
    public void Services_without_an_address_get_the_lowest_free_ones_oldest_first_skipping_the_network_and_the_api_servers()
    {
        var plan = ClusterIPPlan.Plan(Services(Svc("travels") + Svc("cars")));

        plan.Should().BeEquivalentTo(new Dictionary<string, string> { ["travel/travels"] = "10.96.0.2", ["travel/cars"] = "10.96.0.3" });
    }

    [Fact]
    public void Given_and_allocated_addresses_are_never_handed_out_again_and_headless_external_name_and_given_ones_get_none()
    {
        var plan = ClusterIPPlan.Plan(Services(
            Svc("given", "  clusterIP: 10.96.0.2")
            + Svc("allocated", "  clusterIP: 10.96.0.3\n  clusterIPs: [10.96.0.3]")
            + Svc("headless", "  clusterIP: None")
            + Svc("outside", "  clusterIP: 192.0.2.7")
            + "apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: travel}\nspec: {type: ExternalName, externalName: example.com}\n---\n"
            + Svc("new")));

        plan.Should().BeEquivalentTo(new Dictionary<string, string> { ["travel/new"] = "10.96.0.4" });
    }

    [Fact]
    public void A_service_applied_again_without_its_address_keeps_the_one_it_has()
    {
        var current = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"cars"},"spec":{"clusterIP":"10.96.0.7","clusterIPs":["10.96.0.7"],"ports":[{"port":8000}]}}""")!.AsObject();
        var body = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"cars"},"spec":{"ports":[{"port":8000}]}}""")!.AsObject();

        ClusterIPRetention.Keep(current, body);

        body["spec"]!.ToJsonString().Should().Be("""{"ports":[{"port":8000}],"clusterIP":"10.96.0.7","clusterIPs":["10.96.0.7"]}""");
    }

    [Fact]
    public void A_new_address_a_headless_service_or_a_switch_to_external_name_is_not_overridden_by_the_old_address()
    {
        var current = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","spec":{"clusterIP":"10.96.0.7"}}""")!.AsObject();
        foreach (var spec in new[] { """{"clusterIP":"10.96.0.9"}""", """{"clusterIP":"None"}""", """{"type":"ExternalName","externalName":"a.test"}""" })
        {
            var body = JsonNode.Parse($$"""{"apiVersion":"v1","kind":"Service","spec":{{spec}}}""")!.AsObject();
            ClusterIPRetention.Keep(current, body);
            body["spec"]!.ToJsonString().Should().Be(spec);
        }
        var headless = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","spec":{"clusterIP":"None"}}""")!.AsObject();
        var asks = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","spec":{}}""")!.AsObject();
        ClusterIPRetention.Keep(headless, asks);
        asks["spec"]!.ToJsonString().Should().Be("{}", "leaving out None asks for an address rather than staying headless");
    }

    [Fact]
    public void The_cluster_ip_reaches_every_proxys_clusters_and_routes_for_the_service_and_a_headless_service_has_none()
    {
        var push = TranslationFixture.Push(Svc("cars", "  clusterIP: 10.96.0.5") + Svc("db", "  clusterIP: None"));
        foreach (var node in new[] { TranslationFixture.Node("one", "travel", "127.31.0.1", "app=one"), TranslationFixture.Node("two", "other", "127.31.0.2", "app=two") })
        {
            var snapshot = SnapshotBuilder.Build(push, node, new HashSet<string>());
            snapshot.Clusters.Single(c => c.Name == "outbound|8000||cars.travel.svc.cluster.local").ServiceAddress.Should().Be("10.96.0.5");
            snapshot.Clusters.Single(c => c.Name == "outbound|8000||db.travel.svc.cluster.local").ServiceAddress.Should().BeNull();
            // A client that dialled the address sends it as its Host: the service's routes answer it, as Istio's VIP domain.
            snapshot.RouteConfigurations.SelectMany(r => r.VirtualHosts).Single(v => v.Name == "cars.travel.svc.cluster.local:8000").Domains
                .Should().Contain("10.96.0.5:8000").And.NotContain("10.96.0.5");
        }
    }
}
