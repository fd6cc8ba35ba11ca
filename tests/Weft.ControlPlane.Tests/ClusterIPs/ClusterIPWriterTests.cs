using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.ClusterIPs;

/// <summary>weftd writes a Service's cluster IP into its spec once, keeps it when the manifest is applied again and across restarts.</summary>
public sealed class ClusterIPWriterTests
{
    private static string Svc(string name) => $$$"""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","namespace":"travel-agency"},
         "spec":{"selector":{"app":"{{{name}}}"},"ports":[{"name":"http","port":8000}]}}
        """;

    private static async Task<JsonObject> ApplyAsync(HttpClient client, params string[] items)
    {
        var body = $$"""{"apiVersion":"v1","kind":"List","items":[{{string.Join(",", items)}}]}""";
        using var r = await client.PostAsync("apis/weft.io/v1/apply", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        r.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Task<JsonObject> ServiceAsync(HttpClient client, string name) => Poll.UntilAsync(
        async () => (await client.GetFromJsonAsync<JsonObject>($"api/v1/namespaces/travel-agency/services/{name}", TestContext.Current.CancellationToken))!,
        s => s["spec"]?["clusterIP"] is not null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_service_gets_a_cluster_ip_that_survives_applying_it_again_and_restarting_weftd()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = Repo.TempDir("clusterip");
        var start = new WeftdStart { DataDir = Path.Combine(dir.Path, "data") };
        string first;
        await using (var weftd = await WeftdProcess.StartAsync(start, ct))
        {
            using var client = weftd.CreateClient();
            await ApplyAsync(client, Svc("travels"));
            var travels = await ServiceAsync(client, "travels");
            first = (string)travels["spec"]!["clusterIP"]!;
            first.Should().Be("10.96.0.2");
            travels["spec"]!["clusterIPs"]!.AsArray().Select(n => (string?)n).Should().Equal("10.96.0.2");

            var again = await ApplyAsync(client, Svc("travels"));
            ((string?)again["items"]![0]!["action"]).Should().Be("unchanged", "the manifest leaves clusterIP out, so the allocated one stays");
            weftd.Process.Output.Should().Contain("Service travel-agency/travels has the cluster IP 10.96.0.2 (allocated from 10.96.0.0/12, in its spec.clusterIP)");
            (await weftd.StopAsync()).Should().Be(0);
        }
        await using (var weftd = await WeftdProcess.StartAsync(start, ct))
        {
            using var client = weftd.CreateClient();
            await ApplyAsync(client, Svc("cars"));
            ((string?)(await ServiceAsync(client, "cars"))["spec"]!["clusterIP"]).Should().Be("10.96.0.3");
            ((string?)(await ServiceAsync(client, "travels"))["spec"]!["clusterIP"]).Should().Be(first, "the stored address outlives weftd");
        }
    }
}
