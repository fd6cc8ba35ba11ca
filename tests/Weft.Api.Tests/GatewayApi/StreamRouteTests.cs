using Weft.Api.Model.GatewayApi;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.GatewayApi;

public class StreamRouteTests
{
    [Fact]
    public void Rich_tcp_tls_and_udp_routes_round_trip_unchanged()
    {
        var objects = Manifests.LoadAll("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: TCPRoute
            metadata: {name: db, namespace: travel-agency}
            spec:
              parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: ingress, name: gw, sectionName: tcp, port: 5432}]
              rules:
              - name: postgres
                backendRefs: [{group: "", kind: Service, name: db, namespace: travel-agency, port: 5432, weight: 1}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: TLSRoute
            metadata: {name: sni, namespace: travel-agency}
            spec:
              parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: ingress, name: gw, sectionName: tls, port: 443}]
              hostnames: ["*.travel.example.com", secure.example.com]
              rules:
              - name: passthrough
                backendRefs: [{group: "", kind: Service, name: secure, namespace: travel-agency, port: 8443, weight: 3}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: UDPRoute
            metadata: {name: dns, namespace: kube-system}
            spec:
              parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: ingress, name: gw, sectionName: dns, port: 53}]
              rules:
              - name: coredns
                backendRefs: [{group: "", kind: Service, name: coredns, namespace: kube-system, port: 53, weight: 0}]
            """);
        objects.Select(o => o.GetType()).Should().Equal(typeof(TCPRoute), typeof(TLSRoute), typeof(UDPRoute));
        Manifests.UnsetFields(objects[0]).Should().BeEmpty();
        Manifests.UnsetFields(objects[1]).Should().BeEmpty();
        Manifests.UnsetFields(objects[2]).Should().BeEmpty();
        Manifests.RoundTrip((TCPRoute)objects[0]);
        Manifests.RoundTrip((TLSRoute)objects[1]);
        Manifests.RoundTrip((UDPRoute)objects[2]);
    }

    [Theory]
    [InlineData("TCPRoute")]
    [InlineData("UDPRoute")]
    public void The_deprecated_v1alpha2_allows_several_rules_and_v1_only_one(string kind)
    {
        const string rules = "rules: [{backendRefs: [{name: a, port: 1}]}, {backendRefs: [{name: b, port: 1}]}]";
        Manifests.Messages($"apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: {kind}\nmetadata: {{name: r, namespace: d}}\nspec: {{{rules}}}\n")
            .Should().BeEmpty();
        Manifests.Messages($"apiVersion: gateway.networking.k8s.io/v1\nkind: {kind}\nmetadata: {{name: r, namespace: d}}\nspec: {{{rules}}}\n")
            .Should().Equal("spec.rules: Too many: 2: must have at most 1 items");
    }

    [Fact]
    public void A_v1alpha2_tls_route_may_leave_out_hostnames_but_a_v1_one_may_not()
    {
        const string spec = "spec: {rules: [{backendRefs: [{name: a, port: 1}]}]}";
        Manifests.Messages($"apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata: {{name: r, namespace: d}}\n{spec}\n").Should().BeEmpty();
        Manifests.Messages($"apiVersion: gateway.networking.k8s.io/v1\nkind: TLSRoute\nmetadata: {{name: r, namespace: d}}\n{spec}\n")
            .Should().Equal("spec.hostnames: Required value");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "a TLS route for an IP address",
            "kind: TLSRoute\nspec: {hostnames: [10.0.0.1], rules: [{backendRefs: [{name: a, port: 1}]}]}",
            "spec.hostnames: Invalid value: \"array\": Hostnames cannot contain an IP"
        },
        {
            "a TCP route without rules",
            "kind: TCPRoute\nspec: {parentRefs: [{name: gw}]}",
            "spec.rules: Required value"
        },
        {
            "a UDP rule without backends",
            "kind: UDPRoute\nspec: {rules: [{backendRefs: []}]}",
            "spec.rules[0].backendRefs: Invalid value: 0: spec.rules[0].backendRefs in body should have at least 1 items"
        },
        {
            "a TCP backend Service without a port",
            "kind: TCPRoute\nspec: {rules: [{backendRefs: [{name: db}]}]}",
            "spec.rules[0].backendRefs[0]: Invalid value: \"object\": Must have port for Service reference"
        },
        {
            "a TLS route with an empty hostname list",
            "kind: TLSRoute\nspec: {hostnames: [], rules: [{backendRefs: [{name: a, port: 1}]}]}",
            "spec.hostnames: Invalid value: 0: spec.hostnames in body should have at least 1 items"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_stream_route_is_refused_with_one_precise_error(string why, string doc, string expected) =>
        Manifests.Messages($"apiVersion: gateway.networking.k8s.io/v1\nmetadata: {{name: r, namespace: d}}\n{doc}\n").Should().Equal([expected], why);
}
