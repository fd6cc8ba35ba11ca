using Weft.ControlPlane.Telemetry;

namespace Weft.ControlPlane.Tests.Telemetry;

/// <summary>The graph from stored scrapes: rates from counter increases, p95 from bucket increases, the destination reporter first.</summary>
public sealed class TrafficGraphTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    private static string Exposition(string reporter, int ok, int failed, int fastBucket, string policy) => $$"""
        # TYPE istio_requests_total counter
        istio_requests_total{reporter="{{reporter}}",source_workload="portal",source_workload_namespace="travel",source_app="portal",source_version="v1",destination_workload="cars-v1",destination_workload_namespace="travel",destination_app="cars",destination_version="v1",destination_service="cars.travel.svc.cluster.local",response_code="200",response_flags="-",connection_security_policy="{{policy}}"} {{ok}}
        istio_requests_total{reporter="{{reporter}}",source_workload="portal",source_workload_namespace="travel",source_app="portal",source_version="v1",destination_workload="cars-v1",destination_workload_namespace="travel",destination_app="cars",destination_version="v1",destination_service="cars.travel.svc.cluster.local",response_code="503",response_flags="-",connection_security_policy="{{policy}}"} {{failed}}
        istio_request_duration_milliseconds_bucket{reporter="{{reporter}}",source_workload="portal",source_workload_namespace="travel",destination_workload="cars-v1",destination_workload_namespace="travel",destination_service="cars.travel.svc.cluster.local",response_code="200",le="10"} {{fastBucket}}
        istio_request_duration_milliseconds_bucket{reporter="{{reporter}}",source_workload="portal",source_workload_namespace="travel",destination_workload="cars-v1",destination_workload_namespace="travel",destination_service="cars.travel.svc.cluster.local",response_code="200",le="100"} {{ok + failed}}
        istio_request_duration_milliseconds_bucket{reporter="{{reporter}}",source_workload="portal",source_workload_namespace="travel",destination_workload="cars-v1",destination_workload_namespace="travel",destination_service="cars.travel.svc.cluster.local",response_code="200",le="+Inf"} {{ok + failed}}
        """;

    [Fact]
    public void An_edge_carries_the_destination_reporters_rates_errors_p95_and_mTLS_share()
    {
        var store = new MetricsStore(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        // 60 s apart: 600 more requests (10/s), 60 of them 503 (1/s); 300 of 600 under 10 ms.
        store.Ingest("cars-v1.travel", Exposition("destination", 1000, 100, 500, "mutual_tls"), T0.ToUnixTimeMilliseconds());
        store.Ingest("cars-v1.travel", Exposition("destination", 1540, 160, 800, "mutual_tls"), T0.AddSeconds(60).ToUnixTimeMilliseconds());
        // The source reporter says something else: it is not believed while the destination reports.
        store.Ingest("portal.travel", Exposition("source", 0, 0, 0, "unknown"), T0.ToUnixTimeMilliseconds());
        store.Ingest("portal.travel", Exposition("source", 9000, 0, 0, "unknown"), T0.AddSeconds(60).ToUnixTimeMilliseconds());

        var graph = TrafficGraph.Build(store, [], new HashSet<string> { "travel" }, TimeSpan.FromSeconds(60), T0.AddSeconds(60));

        var edge = graph["edges"]!.AsArray().Single()!;
        edge["source"]!.GetValue<string>().Should().Be("travel/portal");
        edge["target"]!.GetValue<string>().Should().Be("travel/cars-v1");
        edge["requestRate"]!.GetValue<double>().Should().Be(10);
        edge["errorRate"]!.GetValue<double>().Should().Be(1);
        edge["errorPercent"]!.GetValue<double>().Should().Be(10);
        edge["mtlsPercent"]!.GetValue<double>().Should().Be(100);
        // p95 of 600: rank 570, in the 10..100 bucket holding 300 (from 300 at 10 ms): 10 + 90 * 270/300.
        edge["p95Ms"]!.GetValue<double>().Should().Be(91);
        // p50: rank 300, exactly the 10 ms bucket's count; p99: rank 594, 10 + 90 * 294/300.
        edge["p50Ms"]!.GetValue<double>().Should().Be(10);
        edge["p99Ms"]!.GetValue<double>().Should().Be(98.2);
        edge["responseCodes"]!.ToJsonString().Should().Be("""{"200":9,"503":1}""");
        graph["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Should().Equal("travel/cars-v1", "travel/portal");
    }

    [Fact]
    public void Another_namespace_sees_nothing_and_a_bad_duration_is_refused_by_name()
    {
        var store = new MetricsStore(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5));
        store.Ingest("cars-v1.travel", Exposition("destination", 1, 0, 1, "none"), T0.ToUnixTimeMilliseconds());
        store.Ingest("cars-v1.travel", Exposition("destination", 2, 0, 2, "none"), T0.AddSeconds(5).ToUnixTimeMilliseconds());

        TrafficGraph.Build(store, [], new HashSet<string> { "bookinfo" }, TimeSpan.FromSeconds(60), T0.AddSeconds(6))["edges"]!.AsArray().Should().BeEmpty();
        TelemetryEndpoints.ParseDuration("90s").Should().Be(TimeSpan.FromSeconds(90));
        TelemetryEndpoints.ParseDuration("5m").Should().Be(TimeSpan.FromMinutes(5));
        TelemetryEndpoints.ParseDuration("soon").Should().BeNull();
    }

    [Fact]
    public void Exposition_lines_parse_with_braces_and_escapes_inside_label_values()
    {
        var samples = PrometheusText.Parse("# TYPE x counter\nx{a=\"}{\",b=\"q\\\"\"} 3 1700000000000\ny 4.5\n").ToList();

        samples.Should().Equal(new PrometheusText.Sample("x", "a=\"}{\",b=\"q\\\"\"", 3), new PrometheusText.Sample("y", "", 4.5));
        PrometheusText.Labels(samples[0].Labels).Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "}{", ["b"] = "q\"" });
    }
}
