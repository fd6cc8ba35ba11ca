using System.Net;
using Weft.Discovery.Telemetry;
using Weft.Proxy.Telemetry;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Telemetry;

/// <summary>What the Telemetry API's translation puts in the snapshot, done by a real proxy.</summary>
public sealed class TelemetryApiTests
{
    [Fact]
    public async Task Metric_overrides_remove_and_add_tags_and_disable_a_metric()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        var snapshot = Snap.Forwarding(address, 8080, backend) with
        {
            Telemetry = new TelemetryConfig
            {
                MetricOverrides =
                [
                    new MetricOverride { Reporter = "source", Tags = [new TagChange { Name = "source_cluster", Remove = true }, new TagChange { Name = "response_flags", Remove = true }] },
                    new MetricOverride { Metric = "REQUEST_COUNT", Tags = [new TagChange { Name = "team", Value = "booking" }] },
                    new MetricOverride { Metric = "REQUEST_DURATION", Disabled = true },
                    new MetricOverride { Metric = "REQUEST_COUNT", Reporter = "destination", Disabled = true },
                ],
            },
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot, "--stats-address", $"{address}:15090");
        (await proxy.Client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://{address}:15090/stats/prometheus");

        var count = text.Split('\n').Single(l => l.StartsWith("istio_requests_total{", StringComparison.Ordinal));
        count.Should().EndWith(",connection_security_policy=\"unknown\",team=\"booking\"} 1");
        count.Should().NotContain("source_cluster=").And.NotContain("response_flags=");
        text.Should().NotContain("istio_request_duration_milliseconds");
        text.Should().Contain("istio_request_bytes_count{reporter=\"source\",");
    }

    [Fact]
    public async Task The_access_log_filter_keeps_only_the_codes_it_admits()
    {
        await using var backend = await TestBackend.StartAsync("b");
        var address = Net.UniqueLoopback();
        var snapshot = Snap.Forwarding(address, 8080, backend) with
        {
            Telemetry = new TelemetryConfig { AccessLog = new AccessLogConfig { ResponseCodes = [new CodeRange(400, 999)], FilterExpression = "response.code >= 400" } },
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot);

        (await proxy.Client.GetAsync("kept-out")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await proxy.Client.GetAsync("status/404")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await proxy.Process.Process.WaitForLineAsync("\"GET /status/404 HTTP/1.1\" 404", TimeSpan.FromSeconds(10));
        proxy.Output.Should().NotContain("GET /kept-out");
    }

    [Fact]
    public void Label_sets_parse_back_with_their_escapes()
    {
        MetricRewriter.Parse("a=\"x\",b=\"say \\\"hi\\\"\\n\",c=\"\"").Should().Equal(("a", "x"), ("b", "say \"hi\"\n"), ("c", ""));
    }
}
