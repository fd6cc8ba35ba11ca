using System.Text.Json.Nodes;
using Weft.ControlPlane.Telemetry;

namespace Weft.ControlPlane.Tests.Telemetry;

/// <summary>One workload's or service's series from stored scrapes: per-step rates, errors and duration quantiles, each side from its own reporter.</summary>
public sealed class WorkloadMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    private static string Requests(string reporter, string source, string destination, string code, double value) =>
        $"istio_requests_total{{reporter=\"{reporter}\",source_workload=\"{source}\",source_workload_namespace=\"travel\",destination_workload=\"{destination}\",destination_workload_namespace=\"travel\",destination_service=\"{destination}.travel.svc.cluster.local\",response_code=\"{code}\"}} {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n";

    private static string Bucket(string reporter, string source, string destination, string le, double value) =>
        $"istio_request_duration_milliseconds_bucket{{reporter=\"{reporter}\",source_workload=\"{source}\",source_workload_namespace=\"travel\",destination_workload=\"{destination}\",destination_workload_namespace=\"travel\",destination_service=\"{destination}.travel.svc.cluster.local\",response_code=\"200\",le=\"{le}\"}} {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n";

    /// <summary>Every 5 s for 60 s: cars serves 10 req/s (1/s 503, 0.5/s 404), half under 10 ms, the rest under 100; cars calls discounts 2 req/s.</summary>
    private static MetricsStore Store()
    {
        var store = new MetricsStore(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        for (var s = 0; s <= 60; s += 5)
        {
            var text = "# TYPE istio_requests_total counter\n"
                + Requests("destination", "travels", "cars", "200", 8.5 * s)
                + Requests("destination", "travels", "cars", "503", 1.0 * s)
                + Requests("destination", "travels", "cars", "404", 0.5 * s)
                + Bucket("destination", "travels", "cars", "10", 5.0 * s)
                + Bucket("destination", "travels", "cars", "100", 10.0 * s)
                + Bucket("destination", "travels", "cars", "+Inf", 10.0 * s)
                + Requests("source", "cars", "discounts", "200", 2.0 * s)
                // travels' own view of its calls to cars: the source reporter, not cars' inbound.
                + Requests("source", "travels", "cars", "200", 100.0 * s);
            store.Ingest("p", text, T0.AddSeconds(s).ToUnixTimeMilliseconds());
        }
        return store;
    }

    [Fact]
    public void Inbound_metrics_give_rates_errors_and_quantiles_per_step_from_the_destination_reporter()
    {
        var m = WorkloadMetrics.Build(Store(), new WorkloadMetrics.Target("travel", "cars", null), WorkloadMetrics.Direction.Inbound,
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), T0.AddSeconds(60));

        m["direction"]!.GetValue<string>().Should().Be("inbound");
        m["timestamps"]!.AsArray().Select(t => t!.GetValue<long>()).Should().Equal(
            T0.AddSeconds(15).ToUnixTimeMilliseconds(), T0.AddSeconds(30).ToUnixTimeMilliseconds(), T0.AddSeconds(45).ToUnixTimeMilliseconds(), T0.AddSeconds(60).ToUnixTimeMilliseconds());
        Values(m, "requestRate").Should().Equal(10, 10, 10, 10);
        Values(m, "errorRate").Should().Equal(1, 1, 1, 1);
        Values(m, "clientErrorRate").Should().Equal(0.5, 0.5, 0.5, 0.5);
        // Half the requests are under 10 ms: p50 is 10, p95 and p99 interpolate within 10..100.
        Values(m, "p50Ms").Should().Equal(10, 10, 10, 10);
        Values(m, "p95Ms").Should().Equal(91, 91, 91, 91);
        Values(m, "p99Ms").Should().Equal(98.2, 98.2, 98.2, 98.2);
        m["totals"]!.ToJsonString().Should().Be("""{"requestRate":10,"errorRate":1,"clientErrorRate":0.5,"p50Ms":10,"p95Ms":91,"p99Ms":98.2}""");
    }

    [Fact]
    public void Outbound_metrics_are_the_workloads_own_calls_and_a_service_or_an_idle_window_has_none()
    {
        var store = Store();
        var outbound = WorkloadMetrics.Build(store, new WorkloadMetrics.Target("travel", "cars", null), WorkloadMetrics.Direction.Outbound,
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), T0.AddSeconds(60));
        var service = WorkloadMetrics.Build(store, new WorkloadMetrics.Target("travel", null, "cars"), WorkloadMetrics.Direction.Inbound,
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), T0.AddSeconds(60));
        var later = WorkloadMetrics.Build(store, new WorkloadMetrics.Target("travel", "cars", null), WorkloadMetrics.Direction.Inbound,
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), T0.AddMinutes(3));

        Values(outbound, "requestRate").Should().Equal(2, 2);
        outbound["totals"]!["p95Ms"].Should().BeNull("cars reported no durations of its calls");
        Values(service, "requestRate").Should().Equal(10, 10);
        later["series"]!["requestRate"]!.AsArray().Should().OnlyContain(v => v == null, "nothing was scraped in that window");
        TelemetryEndpoints.ParseDuration("15s").Should().Be(TimeSpan.FromSeconds(15));
    }

    private static double?[] Values(JsonObject m, string name) => [.. m["series"]![name]!.AsArray().Select(v => v?.GetValue<double>())];
}
