using System.Globalization;
using Weft.Testing;

namespace Weft.Bench.Tests;

public sealed class MicroModeTests
{
    [Fact]
    public async Task Micro_mode_runs_every_benchmark_once_and_reports_bytes_per_request_without_touching_the_readme()
    {
        using var dir = Repo.TempDir("weft-bench-micro");
        var readme = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "bench", "README.md"));

        var r = await BenchScript.RunAsync(TimeSpan.FromMinutes(8), "micro", "--no-build", "--quick", "--out", dir.File("out"));

        r.ExitCode.Should().Be(0, r.Output);
        var summary = await File.ReadAllTextAsync(dir.File("out/summary.md"));
        summary.Should().Contain("BenchmarkDotNet v").And.Contain("### AllocationsPerRequest").And.Contain("### Routing.RouteMatchBenchmarks")
            .And.Contain("### Routing.VirtualHostLookupBenchmarks").And.Contain("### Forwarding.ForwarderBenchmarks");
        var bytes = BenchScript.TableAfter(summary, "| Key | Scenario | Bytes/request |");
        bytes.Select(b => b[0].Trim('`')).Should().Equal("floor", "handler", "kestrel", "pipeline-inbound", "pipeline-outbound", "sidecar", "sidecar-pair");
        bytes.Should().OnlyContain(b => double.Parse(b[2], NumberStyles.Number, CultureInfo.InvariantCulture) >= 0);
        BenchScript.TableAfter(summary, "| Method | Mix ").Should().HaveCount(5 * 4, "five mixes by four hit positions");
        (await File.ReadAllTextAsync(Path.Combine(Repo.Root, "bench", "README.md"))).Should().Be(readme, "--quick records nothing");
    }
}
