using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Weft.Integration.Tests.DataPlane;
using Weft.Testing;

namespace Weft.Integration.Tests.Telemetry;

/// <summary>
/// Debian's real Prometheus finds every sidecar through weftd's HTTP service discovery and
/// scrapes Istio's metrics; PromQL over them matches the load sent through the real mesh, and
/// weftd's own traffic graph agrees with PromQL.
/// </summary>
public sealed class PrometheusTests
{
    internal const string PrometheusBinary = "/usr/bin/prometheus";

    [Fact]
    public async Task PromQL_over_the_sidecars_metrics_matches_the_load_and_the_graph_agrees()
    {
        await EnsurePrometheusAsync();
        await using var mesh = await CanaryMesh.StartAsync(50, 50);
        using var dir = Repo.TempDir("weft-prometheus");
        var tokenFile = dir.Write("token", mesh.Weftd.Token);
        var promAddress = $"{Net.UniqueLoopback()}:9090";
        var config = dir.Write("prometheus.yml", $"""
            global: {"{"} scrape_interval: 1s, evaluation_interval: 1s {"}"}
            scrape_configs:
            - job_name: weft-mesh
              scrape_interval: 1s
              scrape_timeout: 1s
              http_sd_configs:
              - url: {mesh.Weftd.BaseAddress}apis/weft.io/v1/prometheus/targets
                refresh_interval: 1s
                authorization: {"{"} type: Bearer, credentials_file: {tokenFile} {"}"}
            """);
        await using var prometheus = ManagedProcess.Start(PrometheusBinary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir.Path, "data")}", $"--web.listen-address={promAddress}", "--log.level=warn"]);
        using var prom = new HttpClient { BaseAddress = new Uri($"http://{promAddress}/"), Timeout = TimeSpan.FromSeconds(10) };

        // Discovery: the three sidecars (portal, cars-v1, cars-v2) are targets and up.
        await EventuallyAsync(async () => (await QueryAsync(prom, "sum(up{job=\"weft-mesh\"})", null)).GetValueOrDefault("") == 3,
            "Prometheus to scrape the three sidecars it discovered through weftd", prometheus);

        // A known load: 20 requests a second for 65 s, each answer remembered with its time.
        var answers = new List<(DateTimeOffset At, string Body)>();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 65 * 20; i++)
        {
            var due = start + TimeSpan.FromMilliseconds(i * 50);
            if (due > DateTimeOffset.UtcNow)
                await Task.Delay(due - DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
            var body = await mesh.OneAsync();
            answers.Add((DateTimeOffset.UtcNow, body));
        }
        answers.Should().AllSatisfy(a => a.Body.Should().BeOneOf("v1", "v2"));

        var at = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(2);   // a point Prometheus has surely scraped past
        var promql = await QueryAsync(prom, "sum(rate(istio_requests_total{reporter=\"destination\"}[1m])) by (destination_workload)", at);
        foreach (var (workload, version) in new[] { ("cars-v1", "v1"), ("cars-v2", "v2") })
        {
            var sent = answers.Count(a => a.Body == version && a.At > at - TimeSpan.FromSeconds(60) && a.At <= at) / 60.0;
            promql.Should().ContainKey(workload);
            promql[workload].Should().BeApproximately(sent, sent * 0.10 + 0.2, $"PromQL's rate for {workload} is the load that reached it (sent {sent:F2}/s)");
        }

        using var api = new HttpClient { BaseAddress = mesh.Weftd.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", mesh.Weftd.Token);
        var now = DateTimeOffset.UtcNow;
        var graphText = await api.GetStringAsync("apis/weft.io/v1/metrics/graph?namespaces=travel&duration=60s", TestContext.Current.CancellationToken);
        var promNow = await QueryAsync(prom, "sum(rate(istio_requests_total{reporter=\"destination\"}[1m])) by (destination_workload)", now);
        using var graph = JsonDocument.Parse(graphText);
        graph.RootElement.GetProperty("kind").GetString().Should().Be("TrafficGraph");
        var nodes = graph.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        nodes.Should().Contain(["travel/portal", "travel/cars-v1", "travel/cars-v2"]);
        foreach (var workload in new[] { "cars-v1", "cars-v2" })
        {
            var edge = graph.RootElement.GetProperty("edges").EnumerateArray()
                .Single(e => e.GetProperty("source").GetString() == "travel/portal" && e.GetProperty("target").GetString() == $"travel/{workload}");
            edge.GetProperty("service").GetString().Should().Be("cars.travel.svc.cluster.local");
            edge.GetProperty("errorPercent").GetDouble().Should().Be(0);
            edge.GetProperty("p95Ms").GetDouble().Should().BePositive();
            var graphRate = edge.GetProperty("requestRate").GetDouble();
            graphRate.Should().BeApproximately(promNow[workload], promNow[workload] * 0.05, $"weftd's graph and PromQL see the same minute for {workload}\n{graphText}");
        }
    }

    /// <summary>PromQL instant query: the value of each series by its first label's value ("" when it has none).</summary>
    internal static async Task<Dictionary<string, double>> QueryAsync(HttpClient prom, string query, DateTimeOffset? at)
    {
        var url = $"api/v1/query?query={Uri.EscapeDataString(query)}" + (at is { } t ? $"&time={(t.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture)}" : "");
        using var doc = JsonDocument.Parse(await prom.GetStringAsync(url));
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var metric = r.GetProperty("metric").EnumerateObject().ToList();
            var key = metric.Count > 0 ? metric[0].Value.GetString()! : "";
            result[key] = double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        return result;
    }

    internal static async Task EventuallyAsync(Func<Task<bool>> condition, string what, ManagedProcess prometheus)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"waited 30 s for {what} ({last?.Message})\nprometheus:\n{prometheus.Output}");
    }

    // The test needs Debian's prometheus; installed here when missing and we may (test.sh also does).
    internal static async Task EnsurePrometheusAsync()
    {
        if (File.Exists(PrometheusBinary))
            return;
        if (Environment.UserName == "root")
        {
            var r = await Run.CommandAsync("apt-get", ["install", "-y", "-qq", "prometheus"], new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" });
            if (File.Exists(PrometheusBinary))
                return;
            Assert.Skip($"Debian's prometheus is not installed and apt-get install -y prometheus failed ({r.ExitCode}): {r.Output[..Math.Min(300, r.Output.Length)]}");
        }
        Assert.Skip("Debian's prometheus is not installed (/usr/bin/prometheus) and this user cannot install it: run ./test.sh as root, or apt-get install -y prometheus");
    }
}
