using BenchmarkDotNet.Attributes;

namespace Weft.Benchmarks.Forwarding;

/// <summary>
/// Time per request of the same scenarios as <see cref="AllocationMeter"/> (which gives their
/// all-threads bytes per request). Loopback round trips on a shared machine: compare rows of one
/// run with each other, not with another run.
/// </summary>
public class ForwarderBenchmarks
{
    private IRequestScenario _scenario = null!;

    [ParamsSource(nameof(Names))]
    public string Scenario { get; set; } = "";

    public static IEnumerable<string> Names => Scenarios.All.Select(s => s.Key);

    [GlobalSetup]
    public void Setup() => _scenario = Scenarios.Find(Scenario).Start().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _scenario.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public ValueTask Request() => _scenario.SendAsync();
}
