using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Analysis;

/// <summary>
/// weftd analyzes what is stored: findings are served for `weft analyze` and written to each Istio
/// object's status.validationMessages, and they go away when the problem is fixed. The mesh
/// ConfigMap is admitted only when it loads as MeshConfig.
/// </summary>
public class StoredAnalysisTests
{
    private const string VirtualService = """
        {"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"reviews","namespace":"shop"},
         "spec":{"hosts":["reviews"],"http":[{"route":[{"destination":{"host":"reviews","subset":"v1"}}]}]}}
        """;

    private const string Service = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"reviews","namespace":"shop"},
         "spec":{"selector":{"app":"reviews"},"ports":[{"name":"http","port":9080}]}}
        """;

    private const string DestinationRule = """
        {"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"reviews","namespace":"shop"},
         "spec":{"host":"reviews","subsets":[{"name":"v1","labels":{"version":"v1"}}]}}
        """;

    // A workload for the subset to select, so the fixed config has nothing left to report.
    private const string Workload = """
        {"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"reviews-v1","namespace":"shop"},
         "spec":{"address":"127.0.0.9","labels":{"app":"reviews","version":"v1"}}}
        """;

    private static async Task ApplyAsync(HttpClient client, params string[] items)
    {
        var body = $$"""{"apiVersion":"v1","kind":"List","items":[{{string.Join(",", items)}}]}""";
        using var r = await client.PostAsync("apis/weft.io/v1/apply", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        r.StatusCode.Should().Be(HttpStatusCode.OK, await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<JsonArray> FindingsAsync(HttpClient client, string ns)
    {
        var result = await client.GetFromJsonAsync<JsonObject>($"apis/weft.io/v1/analysis?namespace={ns}", TestContext.Current.CancellationToken);
        return (JsonArray)result!["items"]!;
    }

    [Fact]
    public async Task Findings_are_served_and_kept_on_the_objects_status_until_fixed()
    {
        await using var weftd = await WeftdProcess.StartAsync(TestContext.Current.CancellationToken);
        using var client = weftd.CreateClient();
        await ApplyAsync(client, VirtualService);

        var findings = await FindingsAsync(client, "shop");
        findings.Select(f => $"{f!["code"]} {f["origin"]} {f["message"]}").Should().BeEquivalentTo(
            "IST0101 VirtualService shop/reviews Referenced host not found: \"reviews\"",
            "IST0101 VirtualService shop/reviews Referenced host+subset in destinationrule not found: \"reviews+v1\"");
        var status = await StatusAsync(client, findings.Count);
        status!["validationMessages"]!.AsArray().Select(m => (string?)m!["type"]!["code"]).Should().Equal("IST0101", "IST0101");
        ((string?)status["validationMessages"]![0]!["level"]).Should().Be("ERROR");

        await ApplyAsync(client, Service, DestinationRule, Workload);

        (await FindingsAsync(client, "shop")).Should().BeEmpty();
        (await StatusAsync(client, 0))!["validationMessages"].Should().BeNull("fixed findings are removed from the status");
    }

    // The status is written right after the findings are computed; wait for it to reach the wanted count.
    private static async Task<JsonObject?> StatusAsync(HttpClient client, int wanted)
    {
        for (var i = 0; i < 100; i++)
        {
            var vs = await client.GetFromJsonAsync<JsonObject>("apis/networking.istio.io/v1/namespaces/shop/virtualservices/reviews", TestContext.Current.CancellationToken);
            var status = vs!["status"] as JsonObject;
            if ((status?["validationMessages"] as JsonArray)?.Count == wanted || (wanted == 0 && status?["validationMessages"] is null))
                return status;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"the status never held {wanted} validation messages");
    }

    [Fact]
    public async Task A_mesh_config_map_that_does_not_load_is_refused()
    {
        await using var weftd = await WeftdProcess.StartAsync(TestContext.Current.CancellationToken);
        using var client = weftd.CreateClient();
        const string bad = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"istio","namespace":"istio-system"},
             "data":{"mesh":"outboundTrafficPolicy:\n  mode: SOMETIMES\n"}}
            """;

        using var r = await client.PostAsync("apis/weft.io/v1/apply",
            new StringContent($$"""{"apiVersion":"v1","kind":"List","items":[{{bad}}]}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        r.StatusCode.Should().Be((HttpStatusCode)422);
        var text = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        text.Should().Contain("items[0].data[mesh].outboundTrafficPolicy.mode").And.Contain("SOMETIMES");
    }
}
