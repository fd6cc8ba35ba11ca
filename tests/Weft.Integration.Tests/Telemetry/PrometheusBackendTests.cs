using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Weft.Integration.Tests.DataPlane;
using Weft.Testing;

namespace Weft.Integration.Tests.Telemetry;

/// <summary>
/// weftd started with --prometheus-url answers the console's graph and metrics tabs from Debian's
/// real Prometheus (which scrapes the sidecars through weftd's own service discovery), with PromQL:
/// the same request rates as weftd's built-in store over the same minute, and windows the built-in
/// store cannot keep (30 minutes).
/// </summary>
public sealed class PrometheusBackendTests
{
    [Fact]
    public async Task A_weftd_backed_by_Prometheus_draws_the_graph_its_own_store_draws_and_answers_30_minute_windows()
    {
        await PrometheusTests.EnsurePrometheusAsync();
        var promAddress = $"{Net.UniqueLoopback()}:9090";
        await using var mesh = await CanaryMesh.StartAsync(50, 50, ["--prometheus-url", $"http://{promAddress}"]);
        using var dir = Repo.TempDir("weft-prometheus-backend");
        var tokenFile = dir.Write("token", mesh.Weftd.Token);
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
        await using var prometheus = ManagedProcess.Start(PrometheusTests.PrometheusBinary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir.Path, "data")}", $"--web.listen-address={promAddress}", "--log.level=warn"]);
        using var prom = new HttpClient { BaseAddress = new Uri($"http://{promAddress}/"), Timeout = TimeSpan.FromSeconds(10) };
        await PrometheusTests.EventuallyAsync(async () => (await PrometheusTests.QueryAsync(prom, "sum(up{job=\"weft-mesh\"})", null)).GetValueOrDefault("") == 3,
            "Prometheus to scrape the three sidecars it discovered through weftd", prometheus);

        // A steady load for a little over a minute: 10 requests a second.
        var start = DateTimeOffset.UtcNow;
        var bodies = new List<string>();
        for (var i = 0; i < 65 * 10; i++)
        {
            var due = start + TimeSpan.FromMilliseconds(i * 100);
            if (due > DateTimeOffset.UtcNow)
                await Task.Delay(due - DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
            bodies.Add(await mesh.OneAsync());
        }
        bodies.Should().AllSatisfy(b => b.Should().BeOneOf("v1", "v2"));

        using var api = new HttpClient { BaseAddress = mesh.Weftd.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", mesh.Weftd.Token);
        var ct = TestContext.Current.CancellationToken;
        // The same minute from both stores, one right after the other.
        var fromPrometheusText = await api.GetStringAsync("apis/weft.io/v1/metrics/graph?namespaces=travel&duration=60s", ct);
        var fromWeftdText = await api.GetStringAsync("apis/weft.io/v1/metrics/graph?namespaces=travel&duration=60s&source=weftd", ct);
        using var fromPrometheus = JsonDocument.Parse(fromPrometheusText);
        using var fromWeftd = JsonDocument.Parse(fromWeftdText);
        fromPrometheus.RootElement.GetProperty("metricsSource").GetString().Should().Be("prometheus");
        fromPrometheus.RootElement.GetProperty("maxDuration").GetString().Should().Be("86400s");
        fromPrometheus.RootElement.GetProperty("prometheusUrl").GetString().Should().Be($"http://{promAddress}/");
        fromWeftd.RootElement.GetProperty("metricsSource").GetString().Should().Be("weftd");
        fromWeftd.RootElement.GetProperty("maxDuration").GetString().Should().Be("3600s");
        var because = $"\nfrom Prometheus: {fromPrometheusText}\nfrom weftd: {fromWeftdText}";
        foreach (var workload in new[] { "cars-v1", "cars-v2" })
        {
            var promEdge = Edge(fromPrometheus, "travel/portal", $"travel/{workload}");
            var weftdEdge = Edge(fromWeftd, "travel/portal", $"travel/{workload}");
            promEdge.GetProperty("service").GetString().Should().Be("cars.travel.svc.cluster.local");
            promEdge.GetProperty("errorPercent").GetDouble().Should().Be(0);
            promEdge.GetProperty("mtlsPercent").GetDouble().Should().Be(weftdEdge.GetProperty("mtlsPercent").GetDouble());
            promEdge.GetProperty("p95Ms").GetDouble().Should().BePositive();
            var weftdRate = weftdEdge.GetProperty("requestRate").GetDouble();
            weftdRate.Should().BeGreaterThan(2, $"about half of 10 requests a second went to {workload}{because}");
            promEdge.GetProperty("requestRate").GetDouble().Should().BeApproximately(weftdRate, weftdRate * 0.05,
                $"Prometheus and weftd's store measured the same minute for {workload}{because}");
        }
        var nodes = fromPrometheus.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        nodes.Should().Equal(["travel/cars-v1", "travel/cars-v2", "travel/portal"], because);
        fromPrometheus.RootElement.GetProperty("nodes").EnumerateArray().Should().AllSatisfy(n => n.GetProperty("hasSidecar").GetBoolean().Should().BeTrue());

        // 30 minutes from Prometheus: its rate spreads the minute of load over the window.
        var longText = await api.GetStringAsync("apis/weft.io/v1/metrics/graph?namespaces=travel&duration=30m", ct);
        using var longGraph = JsonDocument.Parse(longText);
        longGraph.RootElement.GetProperty("duration").GetString().Should().Be("1800s");
        var longRate = Edge(longGraph, "travel/portal", "travel/cars-v1").GetProperty("requestRate").GetDouble();
        longRate.Should().BePositive(longText).And.BeLessThan(Edge(fromPrometheus, "travel/portal", "travel/cars-v1").GetProperty("requestRate").GetDouble() / 5, longText);

        // weftd's own store answers 30 minutes from its one-a-minute samples, and refuses past its hour by name.
        using (var own = JsonDocument.Parse(await api.GetStringAsync("apis/weft.io/v1/metrics/graph?namespaces=travel&duration=30m&source=weftd", ct)))
            own.RootElement.GetProperty("metricsSource").GetString().Should().Be("weftd");
        using var refused = await api.GetAsync("apis/weft.io/v1/metrics/graph?namespaces=travel&duration=2h&source=weftd", ct);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var status = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(ct)))
            status.RootElement.GetProperty("message").GetString().Should().Be(
                "cannot parse '2h' for parameter 'duration': expected a duration such as 60s, 5m or 1h, at most 60m (what weftd keeps; start weftd with --prometheus-url for longer windows)");

        // The metrics tab over 30 minutes by the minute, from Prometheus' range queries.
        var metricsText = await api.GetStringAsync("apis/weft.io/v1/metrics/namespaces/travel/workloads/cars-v2?direction=inbound&duration=30m&step=60s", ct);
        using var metrics = JsonDocument.Parse(metricsText);
        metrics.RootElement.GetProperty("metricsSource").GetString().Should().Be("prometheus");
        metrics.RootElement.GetProperty("timestamps").GetArrayLength().Should().Be(30);
        var rates = metrics.RootElement.GetProperty("series").GetProperty("requestRate").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();
        rates.Should().HaveCount(30);
        rates[^1].Should().BeGreaterThan(2, $"the last minute carried the load\n{metricsText}");
        rates[0].Should().BeNull($"nothing ran 30 minutes ago\n{metricsText}");
        metrics.RootElement.GetProperty("totals").GetProperty("requestRate").GetDouble().Should().BePositive(metricsText);
        metrics.RootElement.GetProperty("totals").GetProperty("p95Ms").GetDouble().Should().BePositive(metricsText);
    }

    private static JsonElement Edge(JsonDocument graph, string source, string target)
        => graph.RootElement.GetProperty("edges").EnumerateArray()
            .Single(e => e.GetProperty("source").GetString() == source && e.GetProperty("target").GetString() == target);
}
