using System.Globalization;
using BenchmarkDotNet.Attributes;
using Weft.Discovery.Routes;
using Weft.Proxy.Routing;
using Weft.Proxy.Upstream;

namespace Weft.Benchmarks.Routing;

/// <summary>
/// The first half of routing: the virtual host for an authority among 1,000 services, each
/// written with every name a client may use (as translation does), plus 100 wildcard hosts and
/// a catch-all. Exact hit, wildcard (suffix) hit, and an unknown authority falling to <c>*</c>.
/// </summary>
public class VirtualHostLookupBenchmarks
{
    private CompiledRouteTable _table = null!;
    private string _authority = "";

    [Params("exact", "wildcard", "catch-all")]
    public string Authority { get; set; } = "exact";

    [GlobalSetup]
    public void Setup()
    {
        var hosts = new List<VirtualHost>();
        for (var i = 0; i < 1000; i++)
        {
            var s = $"svc-{i.ToString(CultureInfo.InvariantCulture)}";
            hosts.Add(new VirtualHost
            {
                Name = s,
                Domains = [s, $"{s}:8080", $"{s}.bench", $"{s}.bench:8080", $"{s}.bench.svc.cluster.local", $"{s}.bench.svc.cluster.local:8080"],
                Routes = [],
            });
        }
        for (var i = 0; i < 100; i++)
            hosts.Add(new VirtualHost { Name = $"wild-{i}", Domains = [$"*.zone-{i.ToString(CultureInfo.InvariantCulture)}.example.com"], Routes = [] });
        hosts.Add(new VirtualHost { Name = "any", Domains = ["*"], Routes = [] });
        _table = new CompiledRouteTable(new RouteConfiguration { Name = "outbound", VirtualHosts = [.. hosts] }, new Dictionary<string, ClusterRuntime>());
        _authority = Authority switch
        {
            "exact" => "svc-500.bench.svc.cluster.local:8080",
            "wildcard" => "api.zone-50.example.com",
            _ => "unknown.elsewhere:9999",
        };
        if (Lookup() is null)
            throw new InvalidOperationException($"no virtual host for {_authority}");
    }

    [Benchmark]
    public CompiledVirtualHost? Lookup() => _table.FindVirtualHost(_authority);
}
