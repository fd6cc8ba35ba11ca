using Weft.ControlPlane.Hosting;
using Weft.ControlPlane.Telemetry;

namespace Weft.ControlPlane.Tests.Telemetry;

/// <summary>weftd's --prometheus-url and the PromQL it asks that Prometheus.</summary>
public sealed class PrometheusOptionTests
{
    [Fact]
    public void A_prometheus_url_is_taken_as_the_base_of_its_HTTP_API_and_anything_else_is_refused_by_name()
    {
        WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--prometheus-url", "http://127.0.0.1:9090"], "/home/me").Options!.PrometheusUrl
            .Should().Be(new Uri("http://127.0.0.1:9090/"));
        WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--prometheus-url=https://prom.example:9090/prometheus"], "/home/me").Options!.PrometheusUrl
            .Should().Be(new Uri("https://prom.example:9090/prometheus/"));
        WeftdCommandLine.Parse(["--data-dir", "/tmp/d"], "/home/me").Options!.PrometheusUrl.Should().BeNull();

        WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--prometheus-url", "127.0.0.1:9090"], "/home/me").Errors
            .Should().Equal("--prometheus-url: \"127.0.0.1:9090\" is not an http:// or https:// address of a Prometheus (for example http://127.0.0.1:9090)");
    }

    [Fact]
    public void Each_family_is_summed_by_the_labels_the_graph_reads_and_buckets_keep_their_bounds()
    {
        PrometheusBackend.Query("istio_requests_total", "{reporter=\"destination\"}", TimeSpan.FromMinutes(30)).Should().Be(
            "sum by (reporter,source_workload,source_workload_namespace,source_app,source_version,destination_workload,destination_workload_namespace,"
            + "destination_app,destination_version,destination_service,response_code,response_flags,connection_security_policy) "
            + "(rate(istio_requests_total{reporter=\"destination\"}[1800s]))");
        PrometheusBackend.Query("istio_request_duration_milliseconds_bucket", "", TimeSpan.FromSeconds(75)).Should().EndWith(
            "response_code,response_flags,connection_security_policy,le) (rate(istio_request_duration_milliseconds_bucket[75s]))");
    }
}
