using System.Globalization;
using Weft.Testing;

namespace Weft.Bench.Tests;

public sealed class ThroughputModeTests
{
    [Fact]
    public async Task Throughput_mode_saturates_every_topology_with_both_protocols_and_reports_requests_per_proxy_cpu_second()
    {
        await BenchScript.RequirePeersAsync();
        using var dir = Repo.TempDir("weft-bench-throughput");
        var results = dir.Write("RESULTS.md", "# results\n");

        var r = await BenchScript.RunAsync(TimeSpan.FromMinutes(4), "throughput", "--no-build", "--duration", "1", "--warmup", "0",
            "--connections", "4", "--h2-connections", "1", "--h2-streams", "4", "--out", dir.File("out"), "--results", results);

        r.ExitCode.Should().Be(0, r.Output);
        var recorded = await File.ReadAllTextAsync(results);
        recorded.Should().MatchRegex(@"## throughput, \d{4}-\d\d-\d\d \d\d:\d\d UTC, commit \w+");
        recorded.Should().MatchRegex(Environment.ProcessorCount >= 2 ? "taskset: proxies .* on CPU [0-9-]+; load generator and backend on CPU [0-9-]+" : "not pinned");
        var cells = BenchScript.TableAfter(recorded, "| case | client | topology |");
        cells.Select(c => (c[0], c[2])).Should().Equal(("h1", "direct"), ("h1", "weft"), ("h1", "haproxy"), ("h2", "direct"), ("h2", "weft"), ("h2", "haproxy"));
        foreach (var c in cells)
        {
            Number(c[3]).Should().BeGreaterThan(0, $"{c[0]} {c[2]} served requests");
            c[6].Should().Be("0", $"{c[0]} {c[2]} had no errors");
            if (c[2] == "direct")
                c[9].Should().Be("-");
            else
                Number(c[9]).Should().BeGreaterThan(0, $"{c[0]} {c[2]}: requests per proxy CPU-second");
        }
        var ratios = BenchScript.TableAfter(recorded, "| case | req/s Weft/direct |");
        ratios.Select(x => x[0]).Should().Equal("h1", "h2");
        ratios.Should().OnlyContain(x => x.Skip(1).All(v => Number(v) > 0));
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
