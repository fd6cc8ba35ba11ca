using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Weft.Testing;

namespace Weft.Bench.Tests;

public sealed class RateClientTests
{
    [Fact]
    public async Task The_rate_client_counts_latency_from_when_a_request_was_due_not_from_when_it_could_be_sent()
    {
        // One connection to a server that takes 50 ms a request can carry 20 req/s; asked for 100 req/s
        // for 1 s, requests queue and the late ones are due long before they are sent. A closed-loop
        // client would report 50 ms; corrected for coordinated omission the median wait is far longer.
        var address = Net.UniqueLoopback();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(address), 0));
        await using var app = builder.Build();
        app.Run(async ctx =>
        {
            await Task.Delay(50);
            await ctx.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        var url = app.Urls.First() + "/";

        var r = await Run.CommandAsync(Repo.Binary("Weft.Bench.Tools", "weft-bench"),
            ["rate", "--url", url, "--rate", "100", "--duration", "1", "--warmup", "0", "--connections", "1", "--timeout", "20"], timeout: TimeSpan.FromSeconds(60));

        r.ExitCode.Should().Be(0, r.Output);
        var line = r.StdOut.Split('\n').Single(l => l.StartsWith("rate ", StringComparison.Ordinal));
        var kv = line.Split(' ').Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        kv["requests"].Should().Be("100");
        kv["ok"].Should().Be("100", line);
        kv["errors"].Should().Be("0");
        double Ms(string k) => double.Parse(kv[k], CultureInfo.InvariantCulture);
        Ms("p50_ms").Should().BeGreaterThan(1000, line);
        Ms("max_ms").Should().BeGreaterThan(3000, line);
        Ms("achieved_rps").Should().BeLessThan(30, line);
    }

    [Fact]
    public async Task Bad_rate_options_are_all_reported_at_once()
    {
        var r = await Run.CommandAsync(Repo.Binary("Weft.Bench.Tools", "weft-bench"), ["rate", "--rate", "fast", "--http", "3", "--colour", "red"], timeout: TimeSpan.FromSeconds(60));

        r.ExitCode.Should().Be(2);
        r.StdErr.Should().Contain("weft-bench rate: option '--url' is required")
            .And.Contain("cannot parse 'fast' for option '--rate': expected a number from 1 to 1000000")
            .And.Contain("cannot parse '3' for option '--http': expected 1.1 or 2")
            .And.Contain("unknown option '--colour'");
    }
}
