using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// Health reaches the data plane: a workload whose app never accepts connections is marked
/// Healthy=False on its WorkloadEntry by its supervisor, and every sidecar then holds its
/// endpoint as unhealthy, so traffic goes to the healthy one only.
/// </summary>
public sealed class WorkloadHealthTests
{
    private const string Cluster = "outbound|8000||cars.shop.svc.cluster.local";

    [Fact]
    public async Task An_unhealthy_workload_is_sent_to_sidecars_as_an_unhealthy_endpoint_and_gets_no_traffic()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart(), ct);
        var discovery = weftd.DiscoveryAddress;
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        try
        {
            await weft.MustAsync("apply", "-f", weft.Files.Write("cars.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: cars, namespace: shop}
                spec:
                  selector: {app: cars}
                  ports:
                  - {name: http, port: 8000}
                """));
            string[] common = ["-n", "shop", "--discovery-address", discovery, "--detach"];
            await weft.MustAsync(["workload", "run", "cars-up", "--labels", "app=cars", "--port", "8000", "--sidecar=false", .. common, "--env", "CURRENT_VERSION=up", "--", "weft-samples", "cars"]);
            await weft.MustAsync(["workload", "run", "cars-down", "--labels", "app=cars", "--port", "8000", "--sidecar=false", .. common, "--", "sleep", "600"]);
            await weft.MustAsync(["workload", "run", "client", "--labels", "app=client", "--sidecar=true", .. common, "--", "sleep", "600"]);
            var up = await AddressAsync(weft, "cars-up");
            var down = await AddressAsync(weft, "cars-down");
            var client = await AddressAsync(weft, "client");

            using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
            Dictionary<string, string> health;
            while (true)
            {
                health = await HealthAsync(admin, client);
                if ((health.GetValueOrDefault($"{up}:8000") == "Healthy" && health.GetValueOrDefault($"{down}:8000") == "Unhealthy") || DateTime.UtcNow > deadline)
                    break;
                await Task.Delay(250, ct);
            }
            health.Should().Equal(new Dictionary<string, string> { [$"{up}:8000"] = "Healthy", [$"{down}:8000"] = "Unhealthy" });
            (await weft.MustAsync("get", "workloads", "-n", "shop")).StdOut.Should().MatchRegex(@"\ncars-down +VirtualMachine +app=cars +\S+ +no +Unhealthy ");

            for (var i = 0; i < 10; i++)
            {
                var r = await weft.RunAsync("workload", "exec", "client", "-n", "shop", "--", "curl", "-s", "-i", "-m", "10", "http://cars.shop:8000/healthz");
                r.StdOut.Should().StartWith("HTTP/1.1 200").And.Contain("x-weft-sample: cars/up");
            }

            // Someone else writes a stale Healthy=False over cars-up's condition (as a status writer
            // working from an older read once did): its supervisor puts it back, and traffic returns.
            using var api = weftd.CreateClient();
            var path = "apis/networking.istio.io/v1/namespaces/shop/workloadentries/cars-up/status";
            var entry = JsonNode.Parse(await api.GetStringAsync(path, ct))!.AsObject();
            entry["status"]!["conditions"]![0]!["status"] = "False";
            using (var put = await api.PutAsync(path, new StringContent(entry.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), ct))
                put.IsSuccessStatusCode.Should().BeTrue(await put.Content.ReadAsStringAsync(ct));
            // (The client's sidecar may or may not see the False before it is put back: the supervisor looks every 20 s.)
            (await Poll.UntilAsync(async () => JsonNode.Parse(await api.GetStringAsync(path, ct))!["status"]!["conditions"]![0]!["status"]!.GetValue<string>(),
                s => s == "True", TimeSpan.FromSeconds(60), ct)).Should().Be("True", "cars-up's supervisor looks at its condition again and sets it back");
            (await Poll.UntilAsync(async () => (await HealthAsync(admin, client)).GetValueOrDefault($"{up}:8000"), h => h == "Healthy", TimeSpan.FromSeconds(60), ct))
                .Should().Be("Healthy", "the restored condition reaches the client's sidecar");
        }
        finally
        {
            foreach (var name in new[] { "client", "cars-down", "cars-up" })
                await weft.RunAsync("workload", "stop", name, "-n", "shop");
        }
        (await HomeProcesses.WaitForNoneAsync(weft.Home, TimeSpan.FromSeconds(20))).Should().BeEmpty();
    }

    private static async Task<string> AddressAsync(WeftCli weft, string name) =>
        JsonNode.Parse((await weft.MustAsync("get", "we", name, "-n", "shop", "-o", "json")).StdOut)!["spec"]!["address"]!.GetValue<string>();

    private static async Task<Dictionary<string, string>> HealthAsync(HttpClient admin, string client)
    {
        try
        {
            var doc = JsonNode.Parse(await admin.GetStringAsync(new Uri($"http://{client}:15000/clusters?format=json")))!;
            foreach (var c in doc["clusters"]!.AsArray())
                if (c!["name"]!.GetValue<string>() == Cluster)
                    return c["endpoints"]!.AsArray().ToDictionary(e => e!["address"]!.GetValue<string>(), e => e!["health"]!.GetValue<string>());
        }
        catch (HttpRequestException)
        {
        }
        return [];
    }
}
