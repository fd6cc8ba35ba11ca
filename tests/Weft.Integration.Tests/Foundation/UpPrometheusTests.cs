using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.Integration.Tests.Foundation;

/// <summary>
/// `weft up --prometheus-url` hands the Prometheus to weftd, so a user of the CLI gets the
/// console's graph from it (its own tests with a real Prometheus are in Telemetry/). Here the
/// address answers nothing, which proves the setting reached weftd: the graph says which
/// Prometheus it could not query, and weftd's own store still answers on request.
/// </summary>
public class UpPrometheusTests
{
    [Fact]
    public async Task Weft_up_passes_the_Prometheus_to_weftd_and_the_graph_names_it_when_it_does_not_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var weft = new WeftCli();
        var port = Net.FreePort();
        var prometheus = $"http://127.0.0.1:{Net.FreePort()}/";
        (await weft.MustAsync("up", "--detach", "--listen", $"127.0.0.1:{port}", "--prometheus-url", prometheus)).StdOut
            .Should().StartWith($"Weft control plane listening on http://127.0.0.1:{port} (pid ");
        try
        {
            var token = (await File.ReadAllTextAsync(Path.Combine(weft.Home, ".weft", "data", "token"), ct)).Trim();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            using var fromPrometheus = await http.GetAsync("/apis/weft.io/v1/metrics/graph?duration=60s", ct);
            fromPrometheus.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            JsonNode.Parse(await fromPrometheus.Content.ReadAsStringAsync(ct))!["message"]!.GetValue<string>()
                .Should().StartWith($"cannot query the Prometheus at {prometheus} (--prometheus-url): ");

            using var own = await http.GetAsync("/apis/weft.io/v1/metrics/graph?duration=60s&source=weftd", ct);
            own.StatusCode.Should().Be(HttpStatusCode.OK);
            var answer = JsonNode.Parse(await own.Content.ReadAsStringAsync(ct))!;
            answer["metricsSource"]!.GetValue<string>().Should().Be("weftd");
            answer["prometheusUrl"]!.GetValue<string>().Should().Be(prometheus);
        }
        finally
        {
            await weft.RunAsync("down");
        }
    }

    [Fact]
    public async Task Weft_up_with_a_Prometheus_address_that_is_not_http_says_so_and_starts_nothing()
    {
        await using var weft = new WeftCli();
        var up = await weft.RunAsync("up", "--detach", "--listen", $"127.0.0.1:{Net.FreePort()}", "--prometheus-url", "ftp://metrics.example");
        up.ExitCode.Should().NotBe(0);
        up.Output.Should().Contain("--prometheus-url: \"ftp://metrics.example\" is not an http:// or https:// address of a Prometheus (for example http://127.0.0.1:9090)");
        (await weft.RunAsync("down")).StdOut.Should().Contain("No detached control plane is running.");
    }
}
