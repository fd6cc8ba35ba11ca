using System.Globalization;
using Weft.Testing;

namespace Weft.Bench.Tests;

public sealed class ScaleModeTests
{
    [Fact]
    public async Task Scale_mode_connects_simulated_proxies_to_a_real_weftd_and_reports_memory_and_each_change_for_every_count()
    {
        using var dir = Repo.TempDir("weft-bench-scale");
        var results = dir.Write("RESULTS.md", "# results\n");

        var r = await BenchScript.RunAsync(TimeSpan.FromMinutes(6), "scale", "--no-build", "--proxies", "3,6", "--services", "20", "--quiet", "1",
            "--timeout", "60", "--out", dir.File("out"), "--results", results);

        r.ExitCode.Should().Be(0, r.Output);
        var recorded = await File.ReadAllTextAsync(results);
        recorded.Should().StartWith("# results\n").And.MatchRegex(@"## scale, \d{4}-\d\d-\d\d \d\d:\d\d UTC, commit \w+");
        recorded.Should().Contain("- load average (1/5/15 min): ").And.Contain("Travel Booking config plus 20 generated services");
        var memory = BenchScript.TableAfter(recorded, "| proxies | services | weftd RSS idle MB |");
        memory.Select(m => (m[0], m[1])).Should().Equal(("3", "30"), ("6", "30"));
        foreach (var m in memory)
        {
            Number(m[2]).Should().BeGreaterThan(1, "weftd's RSS in MB");
            m[5].Should().NotBe("timeout", $"every one of {m[0]} proxies got its first snapshot");
            Number(m[6]).Should().BeGreaterThanOrEqualTo(Number(m[0]), "each proxy was pushed at least once");
            m[8].Should().Be("0", "no push stream failed");
        }
        var changes = BenchScript.TableAfter(recorded, "| proxies | change | proxies affected |");
        changes.Select(c => (c[0], c[1].Split(' ')[0])).Should().Equal(("3", "mesh-wide"), ("3", "namespace-local"), ("6", "mesh-wide"), ("6", "namespace-local"));
        foreach (var c in changes)
        {
            c[3].Should().Be(c[2], $"{c[0]} proxies, {c[1]}: exactly the affected proxies were pushed");
            Number(c[6]).Should().BeGreaterThanOrEqualTo(Number(c[5]), "p99 is never below p50");
        }
        // 20 services over 10 namespaces, the proxies spread evenly over them: only proxy 0 (svc-0000) is in scale-0, the local change's namespace.
        changes.Where(c => c[1].StartsWith("namespace-local", StringComparison.Ordinal)).Select(c => c[2]).Should().Equal("1", "1");
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
