using Weft.ControlPlane.Telemetry;

namespace Weft.ControlPlane.Tests.Telemetry;

/// <summary>Past its 5 minutes of every scrape, weftd's store keeps one sample a minute for an hour, so the graph and the metrics tabs answer 10m, 30m and 1h windows.</summary>
public sealed class LongWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    private static string Requests(long count) =>
        $"istio_requests_total{{reporter=\"destination\",source_workload=\"portal\",source_workload_namespace=\"travel\",destination_workload=\"cars-v1\",destination_workload_namespace=\"travel\",destination_service=\"cars.travel.svc.cluster.local\",response_code=\"200\"}} {count}\n";

    private static MetricsStore Scraped(TimeSpan length)
    {
        var store = new MetricsStore(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5), longRetention: TimeSpan.FromHours(1));
        // 2 requests a second, scraped every 5 s.
        for (var t = TimeSpan.Zero; t <= length; t += TimeSpan.FromSeconds(5))
        {
            store.Ingest("cars-v1.travel", Requests((long)(2 * t.TotalSeconds)), (T0 + t).ToUnixTimeMilliseconds());
            store.Prune((T0 + t).ToUnixTimeMilliseconds());
        }
        return store;
    }

    [Fact]
    public void A_30_minute_graph_reads_the_one_a_minute_samples_and_a_minute_reads_every_scrape()
    {
        var store = Scraped(TimeSpan.FromMinutes(40));
        var now = T0 + TimeSpan.FromMinutes(40);

        store.IntervalFor(TimeSpan.FromMinutes(30)).Should().Be(TimeSpan.FromMinutes(1));
        store.IntervalFor(TimeSpan.FromMinutes(5)).Should().Be(TimeSpan.FromSeconds(5));
        var longEdge = TrafficGraph.Build(store, [], null, TimeSpan.FromMinutes(30), now)["edges"]!.AsArray().Single()!;
        longEdge["requestRate"]!.GetValue<double>().Should().Be(2);
        var shortEdge = TrafficGraph.Build(store, [], null, TimeSpan.FromMinutes(1), now)["edges"]!.AsArray().Single()!;
        shortEdge["requestRate"]!.GetValue<double>().Should().Be(2);

        var metrics = WorkloadMetrics.Build(store, new WorkloadMetrics.Target("travel", "cars-v1", null), WorkloadMetrics.Direction.Inbound,
            TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), now);
        var rates = metrics["series"]!["requestRate"]!.AsArray().Select(v => v?.GetValue<double>()).ToList();
        rates.Should().HaveCount(60);
        rates.Take(19).Should().AllSatisfy(r => r.Should().BeNull("nothing was scraped before the load began, 40 minutes ago"));
        rates.Skip(21).Should().AllSatisfy(r => r.Should().Be(2));
    }

    [Fact]
    public void A_workload_gone_for_an_hour_is_forgotten_and_one_gone_for_ten_minutes_is_still_in_the_hour()
    {
        var store = Scraped(TimeSpan.FromMinutes(10));
        store.Prune((T0 + TimeSpan.FromMinutes(20)).ToUnixTimeMilliseconds());
        TrafficGraph.Build(store, [], null, TimeSpan.FromMinutes(30), T0 + TimeSpan.FromMinutes(20))["edges"]!.AsArray().Should().ContainSingle();

        store.Prune((T0 + TimeSpan.FromMinutes(75)).ToUnixTimeMilliseconds());
        store.Series.Should().BeEmpty();
        store.CoarseSeries.Should().BeEmpty();
    }
}
