using Weft.Api.Model.Mesh;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Clusters;

namespace Weft.ControlPlane.Tests.Translation;

/// <summary>Single Istio rules, each stated and checked on its own (the golden files check everything at once).</summary>
public sealed class TranslationSemanticsTests
{
    private const string Cars = """
        apiVersion: v1
        kind: Service
        metadata: {name: cars, namespace: travel}
        spec:
          selector: {app: cars}
          ports: [{name: http, port: 8000}]
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: cars-1, namespace: travel}
        spec: {address: 127.20.0.1, labels: {app: cars}}
        """;

    private static readonly HashSet<string> NoSidecars = [];

    [Fact]
    public void A_VirtualService_none_of_whose_routes_apply_to_the_proxy_leaves_it_the_default_route()
    {
        var push = TranslationFixture.Push(Cars + """

            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars, namespace: travel}
            spec:
              hosts: [cars]
              http:
              - match: [{sourceLabels: {app: portal}}]
                route: [{destination: {host: cars}}]
                timeout: 1s
            """);
        var snapshot = SnapshotBuilder.Build(push, TranslationFixture.Node("other", "travel", "127.20.0.9", "app=other"), NoSidecars);

        var route = snapshot.RouteConfigurations.Single(r => r.Name == "http_proxy").VirtualHosts.Single(v => v.Name.StartsWith("cars", StringComparison.Ordinal)).Routes.Single();
        route.Name.Should().Be("default");
        route.Forward!.Timeout.Should().BeNull();
        route.Forward.Retry.Should().Be(RetryPolicies.Default);
    }

    [Fact]
    public void A_cluster_speaks_h2c_once_every_endpoint_has_a_connected_sidecar_and_HTTP_1_1_before()
    {
        var push = TranslationFixture.Push(Cars);
        var node = TranslationFixture.Node("client", "travel", "127.20.0.9");

        Cluster CarsCluster(IReadOnlySet<string> sidecars) => SnapshotBuilder.Build(push, node, sidecars).Clusters.Single(c => c.Name == "outbound|8000||cars.travel.svc.cluster.local");

        CarsCluster(NoSidecars).Protocol.Should().Be(UpstreamProtocol.Http1);
        CarsCluster(new HashSet<string> { "127.20.0.1" }).Protocol.Should().Be(UpstreamProtocol.Http2);
    }

    [Fact]
    public void REGISTRY_ONLY_in_the_mesh_config_sends_unknown_hosts_to_the_black_hole()
    {
        var push = TranslationFixture.Push(Cars, new MeshConfig { OutboundTrafficPolicy = new MeshOutboundTrafficPolicy { Mode = OutboundTrafficMode.RegistryOnly } });
        var snapshot = SnapshotBuilder.Build(push, TranslationFixture.Node("client", "travel", "127.20.0.9"), NoSidecars);

        var catchAll = snapshot.RouteConfigurations.Single(r => r.Name == "http_proxy").VirtualHosts.Last();
        catchAll.Domains.Should().Equal("*");
        catchAll.Routes.Single().Forward!.Clusters.Single().Name.Should().Be("BlackHoleCluster");
        snapshot.Listeners.Single(l => l.Port == 15001).DefaultFilterChain!.Tcp!.Clusters.Single().Name.Should().Be("BlackHoleCluster");
    }

    [Fact]
    public void A_short_destination_host_resolves_in_the_VirtualService_namespace_not_the_proxy_namespace()
    {
        var push = TranslationFixture.Push(Cars + """

            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cars, namespace: portal}
            spec:
              selector: {app: cars}
              ports: [{name: http, port: 8000}]
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: cars, namespace: travel}
            spec:
              hosts: [cars.travel.svc.cluster.local]
              http:
              - route: [{destination: {host: cars}}]
            """);
        var snapshot = SnapshotBuilder.Build(push, TranslationFixture.Node("client", "portal", "127.20.0.9"), NoSidecars);

        var vh = snapshot.RouteConfigurations.Single(r => r.Name == "http_proxy").VirtualHosts.Single(v => v.Name == "cars.travel.svc.cluster.local:8000");
        vh.Routes.Single().Forward!.Clusters.Single().Name.Should().Be("outbound|8000||cars.travel.svc.cluster.local");
        vh.Routes.Single().VirtualService.Should().Be("cars.travel");
    }

    [Fact]
    public void Istio_default_retry_policy_is_two_attempts_on_connect_failure_refused_stream_unavailable_cancelled_and_503()
    {
        RetryPolicies.Convert(null).Should().BeEquivalentTo(new
        {
            Attempts = 2,
            RetryOn = new[] { "connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes" },
            RetriableStatusCodes = new[] { 503 },
            RetryOtherHosts = true,
            PerTryTimeout = (TimeSpan?)null,
        });
        RetryPolicies.Convert(new Weft.Api.Model.Networking.HttpRetry { Attempts = 0 }).Should().BeNull("attempts 0 turns retries off");
    }
}
