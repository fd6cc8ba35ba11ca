using System.Text.RegularExpressions;
using Weft.Samples.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Samples.Tests.Hosting;

/// <summary>How a sample is started: where it listens, what it says, and how it refuses a bad configuration.</summary>
public sealed partial class HostingTests(TravelAgency agency)
{
    [Fact]
    public async Task HOST_and_PORT_win_over_LISTEN_ADDRESS_and_the_ready_line_says_where_it_listens_and_why()
    {
        var address = Net.UniqueLoopback();
        var env = SampleProcess.Environment(new Dictionary<string, string> { ["HOST"] = address, ["PORT"] = "9080", ["LISTEN_ADDRESS"] = "127.0.0.1:1" });
        await using var p = ManagedProcess.Start(SampleProcess.Binary, ["details", "--port", "2"], env);

        var line = await p.WaitForLineAsync(" listening on ", TimeSpan.FromSeconds(30));
        line.Should().Be($"weft-samples: details/v1 listening on http://{address}:9080 (host from HOST, port from PORT)");
        using var client = TestHttp.CreateClient($"http://{address}:9080");
        (await client.GetJsonAsync("details/1"))["id"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task The_demos_LISTEN_ADDRESS_and_the_port_option_are_the_fallbacks()
    {
        var a = Net.UniqueLoopback();
        await using var fromListen = ManagedProcess.Start(SampleProcess.Binary, ["ratings"],
            SampleProcess.Environment(new Dictionary<string, string> { ["LISTEN_ADDRESS"] = $"{a}:8000" }));
        (await fromListen.WaitForLineAsync(" listening on ", TimeSpan.FromSeconds(30)))
            .Should().EndWith($"listening on http://{a}:8000 (from LISTEN_ADDRESS)");

        var b = Net.UniqueLoopback();
        await using var fromOption = ManagedProcess.Start(SampleProcess.Binary, ["ratings", "--port", "8001"],
            SampleProcess.Environment(new Dictionary<string, string> { ["HOST"] = b }));
        (await fromOption.WaitForLineAsync(" listening on ", TimeSpan.FromSeconds(30)))
            .Should().EndWith($"listening on http://{b}:8001 (host from HOST, port from --port)");
    }

    [Fact]
    public async Task Every_configuration_error_is_reported_and_nothing_listens()
    {
        var r = await Run.CommandAsync(SampleProcess.Binary, ["control"], SampleProcess.Environment(new Dictionary<string, string>
        {
            ["PORT"] = "http",
            ["FAIL_WITH_5XX"] = "300",
        }), timeout: TimeSpan.FromSeconds(60));

        r.ExitCode.Should().Be(2);
        r.StdErr.Should().Contain("weft-samples control: PORTAL_SERVICES is empty: the control needs its portals as name;url pairs")
            .And.Contain("weft-samples control: FAIL_WITH_5XX=300: expected a whole number from 0 to 100")
            .And.Contain("weft-samples control: PORT=http: expected a whole number from 0 to 65535")
            .And.Contain("not started (3 configuration errors)");
        r.StdOut.Should().NotContain("listening");
    }

    [Fact]
    public async Task An_unknown_service_or_option_exits_2_naming_it_and_the_services()
    {
        var r = await Run.CommandAsync(SampleProcess.Binary, ["trains", "--verbose"], SampleProcess.Environment(), timeout: TimeSpan.FromSeconds(60));
        r.ExitCode.Should().Be(2);
        r.StdErr.Should().Contain("weft-samples: unknown service 'trains'; expected one of travels, flights, hotels, cars, insurances, discounts, portal, control, productpage, details, reviews, ratings")
            .And.Contain("weft-samples: unknown option '--verbose'")
            .And.Contain("usage: weft-samples travels|flights|");
    }

    [Fact]
    public async Task Every_request_is_one_log_line_and_the_framework_says_nothing_else()
    {
        (await agency.Discounts.Client.GetAsync("healthz?probe=1")).IsSuccessStatusCode.Should().BeTrue();

        await TestHttp.EventuallyAsync(() =>
        {
            RequestLine().IsMatch(agency.Discounts.Output).Should().BeTrue(agency.Discounts.Output);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(5));
        var lines = agency.Discounts.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => !l.Contains("Weft.Samples.Hosting.RequestLog[7001]", StringComparison.Ordinal) && !l.StartsWith("weft-samples: ", StringComparison.Ordinal))
            .Should().BeEmpty("only the ready line and request lines are written while all is well");
    }

    [GeneratedRegex(@"info: Weft\.Samples\.Hosting\.RequestLog\[7001\] \[discounts/v1\] GET /healthz\?probe=1 200 \d+\.\d ms")]
    private static partial Regex RequestLine();
}
