using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Weft.Proxy.Routing;
using Weft.Proxy.Upstream;

namespace Weft.Benchmarks.Routing;

/// <summary>
/// What RouteMatchStage does per request over a 1,000-route virtual host: find the virtual host
/// by authority, then the first route whose match holds (Istio's order). Hits at the first,
/// middle (500th) and last route, and a miss, for each kind of match and a mix of all four.
/// </summary>
public class RouteMatchBenchmarks
{
    public const int Routes = 1000;

    private CompiledRouteTable _table = null!;
    private HttpRequest _request = null!;
    private ClusterRuntime _cluster = null!;

    [Params("exact", "prefix", "regex", "header", "mixed")]
    public string Mix { get; set; } = "exact";

    [Params("first", "middle", "last", "miss")]
    public string Hit { get; set; } = "first";

    [GlobalSetup]
    public void Setup()
    {
        _table = RouteTables.Compile(Mix, Routes, out _cluster);
        var target = Hit switch { "first" => 0, "middle" => Routes / 2, "last" => Routes - 1, _ => -1 };
        _request = RouteTables.RequestFor(Mix, target).Request;
        var found = Match();
        var expected = target < 0 ? null : _table.FindVirtualHost(RouteTables.Authority)!.Routes[target];
        if (!ReferenceEquals(found, expected))
            throw new InvalidOperationException($"{Mix}/{Hit}: matched {found?.Name ?? "nothing"}, expected {expected?.Name ?? "nothing"}");
    }

    [GlobalCleanup]
    public void Cleanup() => _cluster.Dispose();

    [Benchmark]
    public CompiledRoute? Match() => _table.FindVirtualHost(RouteTables.Authority)?.Match(_request, "http");
}
