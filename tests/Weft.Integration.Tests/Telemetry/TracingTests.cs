using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text.Json;
using Weft.Discovery.Clusters;
using Weft.Discovery.Codec;
using Weft.Discovery.Endpoints;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Telemetry;
using Weft.Testing;

namespace Weft.Integration.Tests.Telemetry;

/// <summary>
/// A request through two real sidecars becomes one trace: each sidecar records its span (client,
/// then server, the server's the child of the client's), exports it with OTLP/HTTP protobuf to
/// weftd's collector, and Jaeger's query API on weftd gives the trace back with both.
/// </summary>
public sealed class TracingTests
{
    private const string Cars = "outbound|8000||cars.travel.svc.cluster.local";

    [Fact]
    public async Task Both_sidecars_spans_reach_weftd_and_read_back_as_one_trace_through_the_Jaeger_API()
    {
        await using var weftd = await WeftdProcess.StartAsync(TestContext.Current.CancellationToken);
        var collector = weftd.BaseAddress.ToString().TrimEnd('/');
        using var dir = Repo.TempDir("weft-tracing");
        var serverAddress = Net.UniqueLoopback();
        var clientAddress = Net.UniqueLoopback();
        await using var backend = HttpBackend.Start("cars", Net.UniqueLoopback());
        var labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("app", "cars"), new KeyValuePair<string, string>("version", "v1")]);
        var server = new ProxySnapshot
        {
            Version = "1",
            Node = new NodeInfo { Name = "cars-v1", Namespace = "travel", Labels = labels },
            Listeners = [Listener("inbound", serverAddress, 8000, "inbound|8000||") with { Direction = TrafficDirection.Inbound }],
            RouteConfigurations = [Routes("inbound|8000||", "inbound|8000||")],
            Clusters = [new Cluster { Name = "inbound|8000||", Port = 8000 }],
            Endpoints = [new ClusterLoadAssignment { ClusterName = "inbound|8000||", Endpoints = [new LbEndpoint { Address = backend.Address, Port = backend.Port }] }],
            Telemetry = new TelemetryConfig
            {
                TracingEndpoint = collector, TraceSamplingPercent = 100,
                Clusters = [new ClusterTelemetry { Cluster = "inbound|8000||", Service = "cars.travel.svc.cluster.local", ServiceName = "cars", ServiceNamespace = "travel" }],
            },
        };
        var client = new ProxySnapshot
        {
            Version = "1",
            Node = new NodeInfo { Name = "portal", Namespace = "travel", Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("app", "portal")]) },
            Listeners = [Listener("outbound", clientAddress, 15001, "outbound")],
            RouteConfigurations = [Routes("outbound", Cars)],
            Clusters = [new Cluster { Name = Cars, Port = 8000, ServiceName = "cars.travel.svc.cluster.local", ServiceNamespace = "travel" }],
            Endpoints = [new ClusterLoadAssignment { ClusterName = Cars, Endpoints = [new LbEndpoint { Address = serverAddress, Port = 8000 }] }],
            Telemetry = new TelemetryConfig { TracingEndpoint = collector, TraceSamplingPercent = 100 },
        };
        await using var serverProxy = await StartAsync(dir, "server", server);
        await using var clientProxy = await StartAsync(dir, "client", client);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{clientAddress}:15001/travels/London");
        request.Headers.Host = "cars.travel:8000";
        request.Headers.Add("x-request-id", "trace-me-1");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.Should().BeTrue();

        // The application saw the trace context, a child of the server sidecar's span.
        var head = backend.Heads.Single();
        head.Should().MatchRegex("(?im)^traceparent: 00-[0-9a-f]{32}-[0-9a-f]{16}-01\r?$");
        head.Should().ContainEquivalentOf("x-request-id: trace-me-1");

        using var api = new HttpClient { BaseAddress = weftd.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", weftd.Token);
        JsonElement trace = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var body = await api.GetStringAsync("api/traces?service=portal.travel&limit=5", TestContext.Current.CancellationToken);
            var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
            if (data.GetArrayLength() == 1 && data[0].GetProperty("spans").GetArrayLength() == 2)
            {
                trace = data[0].Clone();
                break;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no trace with both spans in 20 s: {body}\nclient:\n{clientProxy.Output}\nserver:\n{serverProxy.Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var spans = trace.GetProperty("spans").EnumerateArray().ToList();
        var processes = trace.GetProperty("processes");
        string Service(JsonElement s) => processes.GetProperty(s.GetProperty("processID").GetString()!).GetProperty("serviceName").GetString()!;
        string Tag(JsonElement s, string key) => s.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("key").GetString() == key).GetProperty("value").GetString()!;
        var clientSpan = spans.Single(s => Service(s) == "portal.travel");
        var serverSpan = spans.Single(s => Service(s) == "cars.travel");
        clientSpan.GetProperty("operationName").GetString().Should().Be("cars.travel.svc.cluster.local:8000/*");
        serverSpan.GetProperty("operationName").GetString().Should().Be("cars.travel.svc.cluster.local:8000/*");
        Tag(clientSpan, "span.kind").Should().Be("client");
        Tag(serverSpan, "span.kind").Should().Be("server");
        serverSpan.GetProperty("references")[0].GetProperty("spanID").GetString().Should().Be(clientSpan.GetProperty("spanID").GetString(), "the server's span is the client's child");
        Tag(clientSpan, "guid:x-request-id").Should().Be("trace-me-1");
        Tag(clientSpan, "http.url").Should().Be("http://cars.travel:8000/travels/London");
        Tag(clientSpan, "http.method").Should().Be("GET");
        Tag(serverSpan, "http.status_code").Should().Be("200");
        Tag(clientSpan, "upstream_cluster").Should().Be(Cars);
        Tag(serverSpan, "component").Should().Be("proxy");
        Tag(serverSpan, "response_flags").Should().Be("-");
        Tag(serverSpan, "node_id").Should().Be("sidecar~0.0.0.0~cars-v1.travel~travel.svc.cluster.local");
        head.Should().Contain(serverSpan.GetProperty("spanID").GetString(), "the app's parent span is the server sidecar's");

        var id = trace.GetProperty("traceID").GetString();
        using var byId = JsonDocument.Parse(await api.GetStringAsync($"api/traces/{id}", TestContext.Current.CancellationToken));
        byId.RootElement.GetProperty("data")[0].GetProperty("spans").GetArrayLength().Should().Be(2);
        using var services = JsonDocument.Parse(await api.GetStringAsync("api/services", TestContext.Current.CancellationToken));
        services.RootElement.GetProperty("data").EnumerateArray().Select(s => s.GetString()).Should().Equal("cars.travel", "portal.travel");
        using var operations = JsonDocument.Parse(await api.GetStringAsync("api/services/portal.travel/operations", TestContext.Current.CancellationToken));
        operations.RootElement.GetProperty("data").EnumerateArray().Select(s => s.GetString()).Should().Equal("cars.travel.svc.cluster.local:8000/*");
    }

    private static Listener Listener(string name, string address, int port, string routes) => new()
    {
        Name = name,
        Address = address,
        Port = port,
        FilterChains = [new FilterChain { Name = name, Http = new HttpConnectionManager { RouteConfigName = routes } }],
    };

    private static RouteConfiguration Routes(string name, string cluster) => new()
    {
        Name = name,
        VirtualHosts = [new VirtualHost
        {
            Name = "all", Domains = ["*"],
            Routes = [new Route { Name = "all", Match = new RouteMatch { Path = StringMatch.ForPrefix("/") }, Forward = new RouteAction { Clusters = [new WeightedCluster { Name = cluster }] } }],
        }],
    };

    private static async Task<ProxyProcess> StartAsync(TempDir dir, string name, ProxySnapshot snapshot)
    {
        var file = dir.Write($"{name}.json", SnapshotCodec.EncodeIndented(snapshot));
        var address = snapshot.Listeners[0].Address;
        return await ProxyProcess.StartAsync(["--snapshot-file", file, "--drain-seconds", "0", "--stats-address", $"{address}:15090"], adminAddress: $"{address}:15000");
    }
}
