using Weft.Testing;

namespace Weft.Bench.Tests;

public sealed class ConsoleModeTests
{
    private static readonly string[] Pages = ["overview", "graph", "workloads", "services", "istio-config", "workload-details", "service-details"];

    [Fact]
    public async Task Console_mode_times_every_pages_api_calls_against_the_demo_and_appends_p50_and_p99_per_page()
    {
        using var dir = Repo.TempDir("weft-bench-console");
        var results = dir.Write("RESULTS.md", "# results\n");

        // No sidecars (--no-mesh): the demo starts in seconds, and cars-vm's details page has no
        // sidecar config or access log to read (the console asks for them only with a sidecar).
        var r = await BenchScript.RunAsync(TimeSpan.FromMinutes(6), "console", "--no-build", "--no-mesh", "--requests", "2", "--out", dir.File("out"), "--results", results);

        r.ExitCode.Should().Be(0, r.Output);
        var recorded = await File.ReadAllTextAsync(results);
        recorded.Should().StartWith("# results\n").And.MatchRegex(@"## console, \d{4}-\d\d-\d\d \d\d:\d\d UTC, commit \w+");
        recorded.Should().Contain("- target: 300 ms per page; failed calls: 0\n");
        var rows = BenchScript.TableAfter(recorded, "| page | API calls | p50 ms | p99 ms | max ms |");
        rows.Select(c => c[0]).Should().Equal(Pages);
        foreach (var c in rows)
        {
            int.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive($"{c[0]} makes API calls");
            double.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive($"{c[0]} took some time");
            c[5].Should().BeOneOf("yes", "no");
        }
        BenchScript.TableAfter(recorded, "| call | p50 ms | p99 ms |").Should().NotBeEmpty();

        // The demo it started is gone with everything it ran (weftd, the apps).
        var home = System.Text.RegularExpressions.Regex.Match(r.StdErr, @"starting weft demo \(HOME=(\S+)\)").Groups[1].Value;
        home.Should().NotBeEmpty(r.StdErr);
        var left = "";
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            var ps = await Run.CommandAsync("ps", ["-eo", "pid,args"]);
            left = string.Join("\n", ps.StdOut.Split('\n').Where(l => l.Contains(home, StringComparison.Ordinal)));
            if (left.Length == 0)
                break;
        }
        left.Should().BeEmpty("bench/run.sh console stops the demo it started");
    }
}
