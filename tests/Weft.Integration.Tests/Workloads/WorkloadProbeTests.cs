using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Workloads;

/// <summary>
/// WorkloadGroup probes run in the sidecar: two VMs of one group (weft-proxy with
/// --workload-group, a real weft-samples app behind each), one app starts failing the group's
/// HTTP probe, its sidecar reports it, weftd marks its WorkloadEntry unhealthy, and a client's
/// sidecar then sends every request to the other VM; when the app recovers, traffic returns.
/// </summary>
public sealed class WorkloadProbeTests
{
    private const string Cluster = "outbound|8000||cars.vm.svc.cluster.local";

    private const string Config = """
        apiVersion: v1
        kind: Service
        metadata: {name: cars, namespace: vm}
        spec:
          selector: {app: cars}
          ports:
          - {name: http, port: 8000}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadGroup
        metadata: {name: cars, namespace: vm}
        spec:
          metadata:
            labels: {app: cars}
          template:
            serviceAccount: cars
            ports: {http: 8000}
          probe:
            periodSeconds: 1
            timeoutSeconds: 2
            failureThreshold: 2
            successThreshold: 1
            httpGet: {path: /cars/London, port: 8000}
        """;

    [Fact]
    public async Task A_vm_failing_its_group_probe_gets_no_traffic_until_it_passes_again()
    {
        var ct = TestContext.Current.CancellationToken;
        // Probes are what is tested here, so the VMs' proxies run without certificates, on the plaintext listener.
        await using var weftd = await WeftdProcess.StartAsync(new WeftdStart { InsecureDiscovery = true, Args = ["--workload-grace", "30"] }, ct);
        var discovery = weftd.InsecureDiscoveryAddress;
        await using var weft = new WeftCli();
        weft.Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        await weft.MustAsync("apply", "-f", weft.Files.Write("cars.yaml", Config));

        var (a, b, client) = (Net.UniqueLoopback(), Net.UniqueLoopback(), Net.UniqueLoopback());
        var (appA, appB) = (Net.FreePort(a), Net.FreePort(b));
        await using var carsA = ManagedProcess.Start(Repo.Binary("Weft.Samples", "weft-samples"), ["cars"], new Dictionary<string, string?> { ["HOST"] = a, ["PORT"] = $"{appA}", ["CURRENT_VERSION"] = "a" });
        await using var carsB = ManagedProcess.Start(Repo.Binary("Weft.Samples", "weft-samples"), ["cars"], new Dictionary<string, string?> { ["HOST"] = b, ["PORT"] = $"{appB}", ["CURRENT_VERSION"] = "b" });
        await Net.WaitForListenerAsync(a, appA, TimeSpan.FromSeconds(30));
        await Net.WaitForListenerAsync(b, appB, TimeSpan.FromSeconds(30));

        string[] Vm(string name, string address, int app) => ["--discovery-address", discovery, "--name", name, "--namespace", "vm", "--address", address, "--labels", "app=cars",
            "--workload-group", "cars", "--inbound", $"8000={address}:{app}", "--drain-seconds", "0", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000"];
        await using var proxyA = await ProxyProcess.StartAsync(Vm("cars-a", a, appA), adminAddress: $"{a}:15000", timeout: TimeSpan.FromSeconds(60));
        await using var proxyB = await ProxyProcess.StartAsync(Vm("cars-b", b, appB), adminAddress: $"{b}:15000", timeout: TimeSpan.FromSeconds(60));
        await using var proxyC = await ProxyProcess.StartAsync(["--discovery-address", discovery, "--name", "client", "--namespace", "vm", "--address", client,
            "--drain-seconds", "0", "--reconnect-initial-ms", "200", "--reconnect-max-ms", "1000"], adminAddress: $"{client}:15000", timeout: TimeSpan.FromSeconds(60));

        var healthy = new Dictionary<string, string> { [$"{a}:8000"] = "Healthy", [$"{b}:8000"] = "Healthy" };
        (await Poll.UntilAsync(() => HealthAsync(proxyC), h => h.OrderBy(x => x.Key).SequenceEqual(healthy.OrderBy(x => x.Key)), TimeSpan.FromSeconds(60), ct)).Should().Equal(healthy);
        using var http = new HttpClient(new HttpClientHandler { Proxy = new WebProxy($"http://{client}:15001"), UseProxy = true }) { Timeout = TimeSpan.FromSeconds(10) };
        (await ServedByAsync(http, 20, ct)).Should().Contain(new[] { "cars/a", "cars/b" });

        // VM a's app starts failing the probe path: within period x failureThreshold (2 s) plus the
        // report, the entry update and the push (generous on a loaded machine), the client skips it.
        using var direct = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        (await direct.PostAsync(new Uri($"http://{a}:{appA}/admin/fail"), new StringContent("{\"status\":503}", System.Text.Encoding.UTF8, "application/json"), ct)).EnsureSuccessStatusCode();
        var failing = Stopwatch.StartNew();
        var oneDown = new Dictionary<string, string> { [$"{a}:8000"] = "Unhealthy", [$"{b}:8000"] = "Healthy" };
        (await Poll.UntilAsync(() => HealthAsync(proxyC), h => h.OrderBy(x => x.Key).SequenceEqual(oneDown.OrderBy(x => x.Key)), TimeSpan.FromSeconds(30), ct)).Should().Equal(oneDown);
        failing.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        (await ServedByAsync(http, 20, ct)).Should().Equal("cars/b");

        var probe = JsonNode.Parse(await proxyA.AdminGetAsync("/workload_health"))!;
        probe["state"]!.GetValue<string>().Should().Be("Unhealthy");
        probe["probe"]!.GetValue<string>().Should().Be($"HTTP GET http://{a}:{appA}/cars/London");
        probe["reason"]!.GetValue<string>().Should().Be($"HTTP GET http://{a}:{appA}/cars/London answered 503 Service Unavailable (2 failures in a row)");
        proxyA.Output.Should().Contain($"Workload is now unhealthy: HTTP GET http://{a}:{appA}/cars/London answered 503 Service Unavailable (2 failures in a row)");
        var entryA = $"cars-{a.Replace('.', '-')}";
        weftd.Process.Output.Should().Contain($"WorkloadEntry vm/{entryA} is now unhealthy: HTTP GET http://{a}:{appA}/cars/London answered 503 Service Unavailable (2 failures in a row)");
        (await weft.MustAsync("get", "workloads", "-n", "vm")).StdOut.Should().MatchRegex($@"\n{entryA} +\S+ +\S+ +{Regex(a)} +\S+ +Unhealthy ");

        // Recovered: healthy again after one success, and served again.
        (await direct.DeleteAsync(new Uri($"http://{a}:{appA}/admin/fail"), ct)).EnsureSuccessStatusCode();
        (await Poll.UntilAsync(() => HealthAsync(proxyC), h => h.OrderBy(x => x.Key).SequenceEqual(healthy.OrderBy(x => x.Key)), TimeSpan.FromSeconds(30), ct)).Should().Equal(healthy);
        (await ServedByAsync(http, 20, ct)).Should().Contain(new[] { "cars/a", "cars/b" });
        proxyA.Output.Should().Contain($"Workload is now healthy: HTTP GET http://{a}:{appA}/cars/London answered 200 OK");
        JsonNode.Parse(await proxyA.AdminGetAsync("/workload_health"))!["state"]!.GetValue<string>().Should().Be("Healthy");
    }

    private static string Regex(string address) => address.Replace(".", "\\.");

    /// <summary>Which app versions answered <paramref name="count"/> requests through the client's sidecar; every one must be a 200.</summary>
    private static async Task<string[]> ServedByAsync(HttpClient http, int count, CancellationToken ct)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            using var r = await http.GetAsync(new Uri("http://cars.vm:8000/cars/London"), ct);
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            seen.Add(r.Headers.GetValues("x-weft-sample").Single());
        }
        return [.. seen];
    }

    private static async Task<Dictionary<string, string>> HealthAsync(ProxyProcess proxy)
    {
        try
        {
            var doc = JsonNode.Parse(await proxy.AdminGetAsync("/clusters?format=json"))!;
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
