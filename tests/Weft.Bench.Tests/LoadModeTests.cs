using System.Globalization;
using Weft.Testing;

namespace Weft.Bench.Tests;

public sealed class LoadModeTests
{
    private static readonly string[] Cases = ["h1-full", "h2-full", "h1-rate", "h2-rate"];
    private static readonly string[] Topologies = ["direct", "weft", "haproxy"];

    [Fact]
    public async Task Load_mode_measures_every_case_on_every_topology_and_appends_the_ratios_to_the_results_file()
    {
        await BenchScript.RequirePeersAsync();
        using var dir = Repo.TempDir("weft-bench-load");
        var results = dir.Write("RESULTS.md", "# results\n");

        var r = await BenchScript.RunAsync(TimeSpan.FromMinutes(5), "load", "--no-build", "--duration", "2", "--warmup", "0", "--rate", "100",
            "--connections", "4", "--h2-connections", "1", "--h2-streams", "4", "--out", dir.File("out"), "--results", results);

        r.ExitCode.Should().Be(0, r.Output);
        var recorded = await File.ReadAllTextAsync(results);
        recorded.Should().StartWith("# results\n").And.MatchRegex(@"## \d{4}-\d\d-\d\d \d\d:\d\d UTC, commit \w+");
        recorded.Should().Contain($"- machine: {Environment.ProcessorCount} cores").And.Contain("- load average (1/5/15 min): ");
        var cells = BenchScript.TableAfter(recorded, "| case | client | topology |");
        cells.Select(c => (c[0], c[2])).Should().BeEquivalentTo(Cases.SelectMany(c => Topologies.Select(t => (c, t))));
        foreach (var c in cells)
        {
            double.Parse(c[3], CultureInfo.InvariantCulture).Should().BeGreaterThan(0, $"{c[0]} {c[2]} served requests");
            double.Parse(c[5], CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(double.Parse(c[4], CultureInfo.InvariantCulture), "p99 is never below p50");
        }
        var ratios = BenchScript.TableAfter(recorded, "| case | req/s Weft/direct |");
        ratios.Select(x => x[0]).Should().Equal(Cases);
        ratios.Should().OnlyContain(x => x.Skip(1).All(v => double.Parse(v, CultureInfo.InvariantCulture) > 0));
        r.StdOut.Should().Contain("| case | req/s Weft/direct |", "the same tables are printed");
    }

    [Fact]
    public async Task An_unknown_mode_or_option_is_refused_with_what_was_expected()
    {
        var mode = await BenchScript.RunAsync(TimeSpan.FromSeconds(30), "fast");
        mode.ExitCode.Should().Be(2);
        mode.StdErr.Should().Contain("unknown mode 'fast': expected load, micro, latency, throughput, scale or peers");

        var option = await BenchScript.RunAsync(TimeSpan.FromSeconds(30), "load", "--duraton", "5");
        option.ExitCode.Should().Be(2);
        option.StdErr.Should().Contain("unknown load option '--duraton'");

        var latency = await BenchScript.RunAsync(TimeSpan.FromSeconds(30), "latency", "--http", "3");
        latency.ExitCode.Should().Be(2);
        latency.StdErr.Should().Contain("unknown --http '3': expected 1.1 or 2 (a list: 1.1,2)");
    }
}
