using System.Net;
using Microsoft.AspNetCore.Http;
using Weft.Discovery.Clusters;
using Weft.Discovery.Listeners;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Telemetry;
using Weft.Proxy.Hosting;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Telemetry;

/// <summary>
/// Two real sidecars (portal calls cars) with a real backend: each reports Istio's standard
/// metrics on its own 15090, the client as source, the server as destination; the server learns
/// who called from the metadata-exchange header, which never reaches the application.
/// </summary>
public sealed class IstioMetricsTests
{
    private const string CarsCluster = "outbound|8000||cars.travel.svc.cluster.local";

    private static readonly PeerTelemetry Portal = new()
    {
        Workload = "portal", Namespace = "travel-portal", App = "portal", Version = "v1", CanonicalService = "portal", CanonicalRevision = "v1",
        Principal = "spiffe://cluster.local/ns/travel-portal/sa/portal",
    };

    private const string SourceLabels = "source_workload=\"portal\",source_canonical_service=\"portal\",source_canonical_revision=\"v1\",source_workload_namespace=\"travel-portal\",source_principal=\"unknown\",source_app=\"portal\",source_version=\"v1\",source_cluster=\"Kubernetes\"";
    private const string DestinationLabels = "destination_workload=\"cars-v1\",destination_workload_namespace=\"travel-agency\",destination_principal=\"unknown\",destination_app=\"cars\",destination_version=\"v1\",destination_service=\"cars.travel-agency.svc.cluster.local\",destination_canonical_service=\"cars\",destination_canonical_revision=\"v1\",destination_service_name=\"cars\",destination_service_namespace=\"travel-agency\",destination_cluster=\"Kubernetes\"";

    [Fact]
    public async Task Both_sidecars_count_the_same_requests_with_Istio_labels_and_the_app_never_sees_the_exchange_header()
    {
        await using var backend = await TestBackend.StartAsync("cars-v1");
        await using var mesh = await PairAsync(backend);

        for (var i = 0; i < 3; i++)
            (await mesh.Client.GetAsync("travels")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await mesh.Client.GetAsync("status/503")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        var source = await ScrapeAsync(mesh.ClientStats);
        source.Should().Contain($"istio_requests_total{{reporter=\"source\",{SourceLabels},{DestinationLabels},request_protocol=\"http\",response_code=\"200\",grpc_response_status=\"\",response_flags=\"-\",connection_security_policy=\"unknown\"}} 3\n");
        source.Should().Contain($"istio_requests_total{{reporter=\"source\",{SourceLabels},{DestinationLabels},request_protocol=\"http\",response_code=\"503\",grpc_response_status=\"\",response_flags=\"-\",connection_security_policy=\"unknown\"}} 1\n");
        source.Should().StartWith("# TYPE istio_requests_total counter\n");

        var destination = await EventuallyContainsAsync(mesh.ServerStats, "response_code=\"503\"");
        destination.Should().Contain($"istio_requests_total{{reporter=\"destination\",{SourceLabels},{DestinationLabels},request_protocol=\"http\",response_code=\"200\",grpc_response_status=\"\",response_flags=\"-\",connection_security_policy=\"none\"}} 3\n");
        var labels = $"reporter=\"destination\",{SourceLabels},{DestinationLabels},request_protocol=\"http\",response_code=\"200\",grpc_response_status=\"\",response_flags=\"-\",connection_security_policy=\"none\"";
        destination.Should().Contain("# TYPE istio_request_duration_milliseconds histogram\n");
        destination.Should().Contain($"istio_request_duration_milliseconds_bucket{{{labels},le=\"+Inf\"}} 3\n");
        destination.Should().Contain($"istio_request_duration_milliseconds_count{{{labels}}} 3\n");
        destination.Should().Contain($"istio_request_bytes_bucket{{{labels},le=\"0.5\"}} 3\n", "GET bodies are empty");
        destination.Should().Contain($"istio_response_bytes_bucket{{{labels},le=\"5\"}} 0\n", "the backend answers with its name, 7 bytes");
        destination.Should().Contain($"istio_response_bytes_bucket{{{labels},le=\"10\"}} 3\n");
        destination.Should().Contain($"istio_response_bytes_sum{{{labels}}} 21\n");

        backend.Requests.Should().HaveCount(4);
        backend.Requests.Should().AllSatisfy(r => r.Headers.Keys.Should().NotContain(k => k.StartsWith("x-envoy-peer-metadata", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task OpenMetrics_is_served_when_the_scraper_asks_for_it()
    {
        await using var backend = await TestBackend.StartAsync("cars-v1");
        await using var mesh = await PairAsync(backend);
        (await mesh.Client.GetAsync("x")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{mesh.ClientStats}/stats/prometheus");
        request.Headers.TryAddWithoutValidation("accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.ToString().Should().Be("application/openmetrics-text; version=1.0.0; charset=utf-8");
        body.Should().StartWith("# TYPE istio_requests counter\nistio_requests_total{reporter=\"source\",");
        body.Should().EndWith("\n# EOF\n");
    }

    [Fact]
    public async Task The_application_metrics_are_merged_when_the_workload_asks_for_it()
    {
        await using var app = await TestBackend.StartAsync("app", async ctx =>
        {
            ctx.Response.ContentType = "text/plain; version=0.0.4";
            await ctx.Response.WriteAsync(ctx.Request.Path == "/custom/metrics" ? "# TYPE travels_booked_total counter\ntravels_booked_total 42\n" : "wrong path\n");
        });
        var address = Net.UniqueLoopback();
        var snapshot = Snap.Forwarding(address, 8080, app) with
        {
            Telemetry = new TelemetryConfig { AppMetrics = new AppMetricsTarget { Address = app.Address, Port = app.Port, Path = "/custom/metrics" } },
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot, "--stats-address", $"{address}:15090");
        (await proxy.Client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        var text = await ScrapeAsync($"{address}:15090");

        text.Should().Contain("istio_requests_total{reporter=\"source\",");
        text.Should().EndWith("# TYPE travels_booked_total counter\ntravels_booked_total 42\n");
    }

    [Fact]
    public async Task A_TCP_connection_is_counted_opened_and_closed_with_its_bytes()
    {
        await using var echo = new TcpEchoServer("db");
        var address = Net.UniqueLoopback();
        var snapshot = new ProxySnapshot
        {
            Version = "v1",
            Node = new NodeInfo { Name = "portal", Namespace = "travel-portal", Labels = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("app", "portal")]) },
            Listeners = [new Listener { Name = "db", Address = address, Port = 5432, FilterChains = [new FilterChain { Name = "tcp", Tcp = new TcpProxy { Clusters = [new WeightedCluster { Name = "db" }] } }] }],
            Clusters = [new Cluster { Name = "db", Protocol = UpstreamProtocol.Tcp, ServiceName = "db.data.svc.cluster.local", ServiceNamespace = "data" }],
            Endpoints = [Snap.Endpoints("db", (echo.Address, echo.Port))],
        };
        await using var proxy = await ProxyUnderTest.StartAsync(snapshot, "--stats-address", $"{address}:15090");

        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(IPAddress.Parse(address), 5432);
            var stream = client.GetStream();
            await stream.WriteAsync("hello"u8.ToArray());
            var buffer = new byte[8];
            await stream.ReadExactlyAsync(buffer);
            System.Text.Encoding.ASCII.GetString(buffer).Should().Be("db:hello", "the echo server greets with its name");
        }

        var text = await EventuallyContainsAsync($"{address}:15090", "istio_tcp_connections_closed_total");
        var labels = "reporter=\"source\",source_workload=\"portal\",source_canonical_service=\"portal\",source_canonical_revision=\"latest\",source_workload_namespace=\"travel-portal\",source_principal=\"unknown\",source_app=\"portal\",source_version=\"unknown\",source_cluster=\"Kubernetes\","
            + "destination_workload=\"unknown\",destination_workload_namespace=\"unknown\",destination_principal=\"unknown\",destination_app=\"unknown\",destination_version=\"unknown\",destination_service=\"db.data.svc.cluster.local\",destination_canonical_service=\"unknown\",destination_canonical_revision=\"latest\",destination_service_name=\"db\",destination_service_namespace=\"data\",destination_cluster=\"unknown\","
            + "request_protocol=\"tcp\",response_flags=\"-\",connection_security_policy=\"unknown\"";
        text.Should().Contain($"istio_tcp_connections_opened_total{{{labels}}} 1\n");
        text.Should().Contain($"istio_tcp_connections_closed_total{{{labels}}} 1\n");
        text.Should().Contain($"istio_tcp_sent_bytes_total{{{labels}}} 8\n");
        text.Should().Contain($"istio_tcp_received_bytes_total{{{labels}}} 5\n");
    }

    [Fact]
    public void A_stats_address_that_is_not_IP_and_port_is_refused_by_name()
    {
        var (options, errors) = ProxyOptions.Parse(["--snapshot-file", "x.json", "--stats-address", "localhost"]);

        options.Should().BeNull();
        errors.Should().Equal("cannot parse 'localhost' for option '--stats-address': expected IP:PORT such as 127.0.0.1:15090");
    }

    private static async Task<string> ScrapeAsync(string address)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        using var response = await http.GetAsync($"http://{address}/stats/prometheus");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        return await response.Content.ReadAsStringAsync();
    }

    // The destination reports when its response ended, which may be just after the client saw it.
    private static async Task<string> EventuallyContainsAsync(string address, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var body = await ScrapeAsync(address);
            if (body.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
                return body;
            await Task.Delay(100);
        }
    }

    private static async Task<Pair> PairAsync(TestBackend backend)
    {
        var serverAddress = Net.UniqueLoopback();
        var clientAddress = Net.UniqueLoopback();
        var server = new ProxySnapshot
        {
            Version = "v1",
            Node = new NodeInfo
            {
                Name = "cars-v1", Namespace = "travel-agency",
                Labels = System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                    [new KeyValuePair<string, string>("app", "cars"), new KeyValuePair<string, string>("version", "v1")]),
            },
            Listeners = [Snap.Http(serverAddress, 8000, "inbound|8000||", name: "inbound") with { Direction = TrafficDirection.Inbound }],
            RouteConfigurations = [Snap.Routes("inbound|8000||", Snap.Host(["*"], Snap.To("inbound", "inbound|8000||")))],
            Clusters = [Snap.Cluster("inbound|8000||")],
            Endpoints = [Snap.Endpoints("inbound|8000||", backend)],
            Telemetry = new TelemetryConfig
            {
                Clusters = [new ClusterTelemetry { Cluster = "inbound|8000||", Service = "cars.travel-agency.svc.cluster.local", ServiceName = "cars", ServiceNamespace = "travel-agency" }],
            },
        };
        var client = new ProxySnapshot
        {
            Version = "v1",
            Listeners = [Snap.Http(clientAddress, 15001, "outbound")],
            RouteConfigurations = [Snap.Routes("outbound", Snap.Host(["*"], Snap.To("cars", CarsCluster)))],
            Clusters = [Snap.Cluster(CarsCluster) with { ServiceName = "cars.travel-agency.svc.cluster.local", ServiceNamespace = "travel-agency" }],
            Endpoints = [Snap.Endpoints(CarsCluster, (serverAddress, 8000))],
            Telemetry = new TelemetryConfig
            {
                Self = Portal,
                Peers = [new PeerTelemetry
                {
                    Address = serverAddress, Workload = "cars-v1", Namespace = "travel-agency", App = "cars", Version = "v1", CanonicalService = "cars", CanonicalRevision = "v1",
                    Principal = "spiffe://cluster.local/ns/travel-agency/sa/cars",
                }],
                Clusters = [new ClusterTelemetry { Cluster = CarsCluster, Service = "cars.travel-agency.svc.cluster.local", ServiceName = "cars", ServiceNamespace = "travel-agency" }],
            },
        };
        var serverProxy = await ProxyUnderTest.StartAsync(server, "--stats-address", $"{serverAddress}:15090");
        var clientProxy = await ProxyUnderTest.StartAsync(client, "--stats-address", $"{clientAddress}:15090");
        return new Pair(clientProxy, serverProxy, $"{clientAddress}:15090", $"{serverAddress}:15090");
    }

    private sealed record Pair(ProxyUnderTest ClientProxy, ProxyUnderTest ServerProxy, string ClientStats, string ServerStats) : IAsyncDisposable
    {
        public HttpClient Client => ClientProxy.Client;

        public async ValueTask DisposeAsync()
        {
            await ClientProxy.DisposeAsync();
            await ServerProxy.DisposeAsync();
        }
    }
}
