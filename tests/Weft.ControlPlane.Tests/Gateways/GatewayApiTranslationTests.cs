using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.ControlPlane.Translation.Gateways;
using Weft.Discovery.Routes;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Gateways;

/// <summary>Gateway API Gateways and routes, converted as Istio converts them, and the status they get.</summary>
public sealed class GatewayApiTranslationTests
{
    private static readonly HashSet<string> NoSidecars = [];

    /// <summary>The shared gateway of the multi-user lab: its HTTPRoute is in the corpus, the Gateway is the cluster's.</summary>
    private const string SharedGateway = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: gateway-shared, namespace: istio-gateway}
        spec:
          gatewayClassName: istio
          listeners:
          - name: http
            port: 80
            protocol: HTTP
            allowedRoutes: {namespaces: {from: All}}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: control-vm, namespace: user1-travel-control-new}
        spec: {address: 127.31.0.1, labels: {kubevirt.io/domain: control-vm, app: control-vm}}
        ---

        """;

    private static NodeInfo SharedGatewayProxy() =>
        TranslationFixture.Node("gateway-shared-istio", "istio-gateway", "127.31.0.100", "gateway.networking.k8s.io/gateway-name=gateway-shared") with { Mode = ProxyMode.Gateway };

    private static ProxySnapshot Build(PushContext push, NodeInfo node)
    {
        var snapshot = SnapshotBuilder.Build(push, node, NoSidecars);
        SnapshotValidator.Validate(snapshot).Should().BeEmpty("the proxy must accept what translation builds");
        return snapshot;
    }

    /// <summary>
    /// The lab chart rendered for one user: the corpus renders the placeholder <c>userX</c>, which
    /// no Kubernetes namespace may hold (upper case); a real lab user is <c>user1</c>.
    /// </summary>
    private static string LabChart() =>
        File.ReadAllText(Path.Combine(Weft.Testing.Repo.RequireCorpus("ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03"), "travel-control.yaml"))
            .Replace("userX", "user1", StringComparison.Ordinal);

    [Fact]
    public void The_lab_httproute_on_the_shared_gateway_routes_its_hostname_to_the_control_vm()
    {
        var snapshot = Build(TranslationFixture.Push(SharedGateway + LabChart()), SharedGatewayProxy());

        var listener = snapshot.Listeners.Single();
        (listener.Address, listener.Port).Should().Be(("127.31.0.100", 80));
        var host = snapshot.RouteConfigurations.Single(r => r.Name == "http.80").VirtualHosts.Single();
        host.Domains.Should().Equal("user1-ingress-istio-gateway.apps.example.com", "user1-ingress-istio-gateway.apps.example.com:80");
        host.Routes.Single().Match.Path.Should().Be(StringMatch.ForPrefix("/"));
        host.Routes.Single().Forward!.Clusters.Single().Name.Should().Be("outbound|8080||control-vm.user1-travel-control-new.svc.cluster.local");
    }

    [Fact]
    public void The_lab_httproute_is_accepted_with_resolved_references_and_counted_on_the_listener()
    {
        var status = TranslationFixture.Push(SharedGateway + LabChart()).Gateways.Status;

        var parent = status.Routes.Single(r => r.Name == "control-vm-httproute").Parents.Single();
        parent.ParentName.Should().Be("gateway-shared");
        parent.Conditions.Should().Equal(
            new GatewayCondition("Accepted", true, "Accepted", "Route was valid"),
            new GatewayCondition("ResolvedRefs", true, "ResolvedRefs", "All references resolved"));
        status.Gateways.Single().Listeners.Single().AttachedRoutes.Should().Be(1);
    }

    [Fact]
    public void A_listener_allowing_only_its_own_namespace_refuses_a_route_from_another()
    {
        var push = TranslationFixture.Push(SharedGateway.Replace("from: All", "from: Same", StringComparison.Ordinal) + LabChart());

        push.Gateways.Status.Routes.Single().Parents.Single().Conditions[0].Should().Be(new GatewayCondition("Accepted", false, "NotAllowedByListeners",
            "no listener of istio-gateway/gateway-shared allows a HTTPRoute from namespace user1-travel-control-new"));
        Build(push, SharedGatewayProxy()).RouteConfigurations.Single().VirtualHosts.Should().BeEmpty();
    }

    private const string Routes = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: web, namespace: infra}
        spec:
          gatewayClassName: weft
          listeners:
          - {name: http, port: 8080, protocol: HTTP, hostname: "*.example.com"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: v1, namespace: infra}
        spec: {selector: {app: v1}, ports: [{name: http, port: 8080}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: v2, namespace: infra}
        spec: {selector: {app: v2}, ports: [{name: http, port: 8080}]}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: older, namespace: infra}
        spec:
          parentRefs: [{name: web}]
          hostnames: [a.example.com, other.org]
          rules:
          - matches: [{path: {type: PathPrefix, value: /api/}}]
            filters:
            - type: URLRewrite
              urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /v1}}
            backendRefs: [{name: v1, port: 8080, weight: 3}, {name: v2, port: 8080, weight: 1}]
          - matches: [{path: {type: PathPrefix, value: /}}]
            backendRefs: [{name: missing, port: 8080}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: newer, namespace: infra}
        spec:
          parentRefs: [{name: web, sectionName: http}]
          hostnames: [a.example.com]
          rules:
          - matches: [{path: {type: Exact, value: /login}, method: POST, headers: [{name: X-Version, value: "2"}]}]
            filters:
            - type: RequestRedirect
              requestRedirect: {scheme: https, statusCode: 301}
        """;

    private static NodeInfo WebProxy() =>
        TranslationFixture.Node("web-weft", "infra", "127.31.0.101", "gateway.networking.k8s.io/gateway-name=web") with { Mode = ProxyMode.Gateway };

    [Fact]
    public void Rules_of_every_route_on_a_hostname_are_ordered_by_gateway_api_precedence_and_prefixes_match_whole_segments()
    {
        var host = Build(TranslationFixture.Push(Routes), WebProxy()).RouteConfigurations.Single().VirtualHosts.Single();

        host.Domains.Should().Equal("a.example.com", "a.example.com:8080");
        host.Routes.Select(r => r.Match.Path!.Exact ?? r.Match.Path.Prefix).Should().Equal("/login", "/api", "/api/", "/");
        host.Routes[0].Match.Headers.Select(h => (h.Name, h.Match!.Exact)).Should().Equal(("x-version", "2"), (":method", "POST"));
        host.Routes[0].Redirect.Should().Be(new RedirectAction { Scheme = "https", Port = 443, ResponseCode = 301 });
        host.Routes[1].Forward!.Rewrite.Should().Be(new PathRewrite { Prefix = "/v1" });
        host.Routes[2].Forward!.Rewrite.Should().Be(new PathRewrite { Prefix = "/v1/" });
        host.Routes[1].Forward!.Clusters.Select(c => (c.Name, c.Weight)).Should().Equal(
            ("outbound|8080||v1.infra.svc.cluster.local", 3), ("outbound|8080||v2.infra.svc.cluster.local", 1));
        host.Routes[3].DirectResponse.Should().Be(new DirectResponseAction { Status = 500 });
    }

    [Fact]
    public void A_route_with_a_missing_backend_says_BackendNotFound_and_a_wrong_section_name_says_NoMatchingParent()
    {
        var status = TranslationFixture.Push(Routes.Replace("sectionName: http", "sectionName: https", StringComparison.Ordinal)).Gateways.Status;

        status.Routes.Single(r => r.Name == "older").Parents.Single().Conditions[1].Should().Be(
            new GatewayCondition("ResolvedRefs", false, "BackendNotFound", "backend(missing.infra.svc.cluster.local) not found"));
        status.Routes.Single(r => r.Name == "newer").Parents.Single().Conditions[0].Should().Be(
            new GatewayCondition("Accepted", false, "NoMatchingParent", "no listener named https"));
    }

    [Fact]
    public void A_cross_namespace_backend_needs_a_reference_grant()
    {
        const string Route = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: web, namespace: infra}
            spec:
              gatewayClassName: istio
              listeners: [{name: http, port: 80, protocol: HTTP}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: app, namespace: apps}
            spec: {selector: {app: app}, ports: [{name: http, port: 8080}]}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: cross, namespace: infra}
            spec:
              parentRefs: [{name: web}]
              rules: [{backendRefs: [{name: app, namespace: apps, port: 8080}]}]
            """;
        const string Grant = """

            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: from-infra, namespace: apps}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]
              to: [{group: "", kind: Service}]
            """;

        TranslationFixture.Push(Route).Gateways.Status.Routes.Single().Parents.Single().Conditions[1].Reason.Should().Be("RefNotPermitted");
        var granted = TranslationFixture.Push(Route + Grant);
        granted.Gateways.Status.Routes.Single().Parents.Single().Conditions[1].Status.Should().BeTrue();
        var proxy = TranslationFixture.Node("web-istio", "infra", "127.31.0.102", "gateway.networking.k8s.io/gateway-name=web") with { Mode = ProxyMode.Gateway };
        Build(granted, proxy).RouteConfigurations.Single().VirtualHosts.Single().Routes.Single().Forward!.Clusters.Single().Name
            .Should().Be("outbound|8080||app.apps.svc.cluster.local");
    }

    [Fact]
    public void Listener_and_route_hostnames_intersect_as_the_gateway_api_says()
    {
        GatewayHostnames.Intersect(null, null).Should().Equal("*");
        GatewayHostnames.Intersect("*.example.com", null).Should().Equal("*.example.com");
        GatewayHostnames.Intersect("*.example.com", ["a.example.com", "a.b.example.com", "example.com", "other.org"]).Should().Equal("a.example.com", "a.b.example.com");
        GatewayHostnames.Intersect("a.example.com", ["*.example.com"]).Should().Equal("a.example.com");
        GatewayHostnames.Intersect("a.example.com", ["b.example.com"]).Should().BeEmpty();
    }
}
