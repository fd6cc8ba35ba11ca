using System.Globalization;
using Weft.Testing;

namespace Weft.Bench.Tests;

public sealed class LatencyModeTests
{
    private static readonly string[] Topologies = ["direct", "weft", "haproxy"];

    [Fact]
    public async Task Latency_mode_measures_every_connection_count_and_protocol_on_every_topology_with_cpu_and_memory_per_proxy()
    {
        await BenchScript.RequirePeersAsync();
        using var dir = Repo.TempDir("weft-bench-latency");
        var results = dir.Write("RESULTS.md", "# results\n");

        var r = await BenchScript.RunAsync(TimeSpan.FromMinutes(6), "latency", "--no-build", "--duration", "1", "--warmup", "0", "--rate", "50",
            "--connections", "1,2", "--out", dir.File("out"), "--results", results);

        r.ExitCode.Should().Be(0, r.Output);
        r.StdErr.Should().Contain("Weft pair: mTLS between the sidecars (the app saw By=spiffe://cluster.local/ns/bench/sa/bench-server;", "the server sidecar verified the client's certificate");
        var recorded = await File.ReadAllTextAsync(results);
        recorded.Should().StartWith("# results\n").And.MatchRegex(@"## latency, \d{4}-\d\d-\d\d \d\d:\d\d UTC, commit \w+");
        recorded.Should().Contain($"- machine: {Environment.ProcessorCount} cores").And.Contain("- load average (1/5/15 min): ");
        string[] cases = ["h1-c1", "h1-c2", "h2-c1", "h2-c2"];
        var cells = BenchScript.TableAfter(recorded, "| case | topology | req/s | p50 | p90 | p99 |");
        cells.Select(c => (c[0], c[1])).Should().Equal(cases.SelectMany(c => Topologies.Select(t => (c, t))));
        foreach (var c in cells)
        {
            c[13].Should().Be("0", $"{c[0]} {c[1]} answered every request");
            Number(c[5]).Should().BeGreaterThanOrEqualTo(Number(c[4]), "p99 is never below p90");
            if (c[1] == "direct")
                c.Skip(6).Take(7).Should().AllBe("-", "the direct call has no proxy");
            else
            {
                // CPU comes in 10 ms ticks: 50 requests may not reach one, so only its presence is certain.
                Number(c[9]).Should().BeGreaterThanOrEqualTo(0, $"{c[0]} {c[1]}: the client proxy's CPU");
                Number(c[10]).Should().BeGreaterThanOrEqualTo(0, $"{c[0]} {c[1]}: the server proxy's CPU");
                Number(c[11]).Should().BeGreaterThan(1, $"{c[0]} {c[1]}: the client proxy's RSS in MB");
                Number(c[12]).Should().BeGreaterThan(1, $"{c[0]} {c[1]}: the server proxy's RSS in MB");
            }
        }
        BenchScript.TableAfter(recorded, "| case | added p50 Weft/haproxy |").Select(x => x[0]).Should().Equal(cases);
        BenchScript.TableAfter(recorded, "| figure | Istio/Envoy").Select(x => x[0]).Should()
            .Equal("added p90 ms", "added p99 ms", "vCPU per proxy per 1000 req/s", "RSS per proxy MB");
        recorded.Should().Contain("Against the published figures (issue 9), case h1-c2;", "Istio's figures are HTTP/1.1 ones; the largest connection count here is 2");
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
