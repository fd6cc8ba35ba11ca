using Weft.Api.Model.GatewayApi;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.GatewayApi;

public class GatewayClassAndListenerSetTests
{
    [Fact]
    public void A_rich_gateway_class_round_trips_unchanged()
    {
        var gc = Manifests.Load<GatewayClass>("""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: GatewayClass
            metadata: {name: weft}
            spec:
              controllerName: weft.io/gateway-controller
              description: Weft's gateways
              parametersRef: {group: "", kind: ConfigMap, name: weft-gateway-defaults, namespace: weft-system}
            """);
        Manifests.UnsetFields(gc).Should().BeEmpty();
        Manifests.RoundTrip(gc).Spec!.ControllerName.Should().Be("weft.io/gateway-controller");
    }

    [Fact]
    public void A_rich_listener_set_round_trips_unchanged()
    {
        var ls = Manifests.Load<ListenerSet>("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata: {name: team-a, namespace: team-a}
            spec:
              parentRef: {group: gateway.networking.k8s.io, kind: Gateway, name: shared-gateway, namespace: istio-ingress}
              listeners:
              - name: team-a-https
                hostname: a.travel.example.com
                port: 443
                protocol: HTTPS
                tls:
                  mode: Terminate
                  certificateRefs: [{group: "", kind: Secret, name: team-a-cert, namespace: team-a}]
                  options: {example.com/ciphers: modern}
                allowedRoutes:
                  namespaces: {from: Same, selector: {matchLabels: {a: b}, matchExpressions: [{key: c, operator: NotIn, values: [d]}]}}
                  kinds: [{group: gateway.networking.k8s.io, kind: HTTPRoute}]
            """);
        Manifests.UnsetFields(ls).Should().BeEmpty();
        Manifests.RoundTrip(ls);
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "a controller name without a domain",
            "kind: GatewayClass\nmetadata: {name: c}\nspec: {controllerName: controller}",
            ["spec.controllerName: Invalid value: \"controller\": spec.controllerName in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$'"]
        },
        {
            "a description longer than 64 characters",
            $"kind: GatewayClass\nmetadata: {{name: c}}\nspec: {{controllerName: a.io/b, description: {new string('d', 65)}}}",
            ["spec.description: Too long: may not be more than 64 bytes"]
        },
        {
            "parameters without a kind",
            "kind: GatewayClass\nmetadata: {name: c}\nspec: {controllerName: a.io/b, parametersRef: {group: \"\", name: p}}",
            ["spec.parametersRef.kind: Required value"]
        },
        {
            "a listener set without a parent",
            "kind: ListenerSet\nmetadata: {name: l, namespace: a}\nspec: {listeners: [{name: a, port: 80, protocol: HTTP}]}",
            ["spec.parentRef: Required value"]
        },
        {
            "a listener set whose listeners repeat a port and protocol",
            "kind: ListenerSet\nmetadata: {name: l, namespace: a}\nspec: {parentRef: {name: g}, listeners: [{name: a, port: 80, protocol: HTTP}, {name: b, port: 80, protocol: HTTP}]}",
            ["spec.listeners: Invalid value: \"array\": Combination of port, protocol and hostname must be unique for each listener"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_classes_and_listener_sets_are_refused_with_precise_errors(string why, string doc, string[] expected) =>
        Manifests.Messages("apiVersion: gateway.networking.k8s.io/v1\n" + doc + "\n").Should().Equal(expected, why);
}
