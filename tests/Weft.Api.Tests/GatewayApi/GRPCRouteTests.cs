using Weft.Api.Model.GatewayApi;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.GatewayApi;

public class GRPCRouteTests
{
    [Fact]
    public void A_rich_grpc_route_sets_every_field_and_round_trips_unchanged()
    {
        var route = Manifests.Load<GRPCRoute>("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {name: flights, namespace: travel-agency}
            spec:
              parentRefs: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: istio-ingress, name: gw, sectionName: grpc, port: 50051}]
              hostnames: [grpc.travel.example.com]
              rules:
              - name: search
                matches:
                - method: {type: Exact, service: travel.v1.Flights, method: Search}
                  headers: [{type: RegularExpression, name: x-tenant, value: "^t-.*"}]
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier: {set: [{name: x-a, value: a}], add: [{name: x-b, value: b}], remove: [x-c]}
                - type: ResponseHeaderModifier
                  responseHeaderModifier: {set: [{name: x-d, value: d}], add: [{name: x-e, value: e}], remove: [x-f]}
                - type: RequestMirror
                  requestMirror:
                    backendRef: {group: "", kind: Service, name: flights-shadow, namespace: travel-agency, port: 50051}
                    percent: 5
                - type: ExtensionRef
                  extensionRef: {group: example.io, kind: Plugin, name: p}
                backendRefs:
                - group: ""
                  kind: Service
                  name: flights
                  namespace: travel-agency
                  port: 50051
                  weight: 80
                  filters:
                  - {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: x-g, value: g}], add: [{name: x-h, value: h}], remove: [x-i]}}
                  - {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: x-j, value: j}], add: [{name: x-k, value: k}], remove: [x-l]}}
                  - {type: RequestMirror, requestMirror: {backendRef: {group: "", kind: Service, name: m, namespace: n, port: 1}, fraction: {numerator: 1, denominator: 2}}}
                  - {type: ExtensionRef, extensionRef: {group: example.io, kind: Plugin, name: q}}
              - matches: [{method: {type: RegularExpression, service: "travel\\..*"}}]
                filters:
                - {type: RequestMirror, requestMirror: {backendRef: {name: m2, port: 1}, fraction: {numerator: 1, denominator: 4}}}
                backendRefs:
                - name: flights
                  port: 50051
                  filters: [{type: RequestMirror, requestMirror: {backendRef: {name: m3, port: 1}, percent: 20}}]
            """);
        Manifests.UnsetFields(route).Should().BeEmpty();
        Manifests.RoundTrip(route).Spec!.Rules![0].Matches![0].Method!.Service.Should().Be("travel.v1.Flights");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "a method match naming neither service nor method",
            "rules: [{matches: [{method: {type: Exact}}]}]",
            "spec.rules[0].matches[0].method: Invalid value: \"object\": One or both of 'service' or 'method' must be specified"
        },
        {
            "a service name with a slash",
            "rules: [{matches: [{method: {service: travel/Flights}}]}]",
            "spec.rules[0].matches[0].method: Invalid value: \"object\": service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)"
        },
        {
            "a method name with a dot",
            "rules: [{matches: [{method: {method: Search.All}}]}]",
            "spec.rules[0].matches[0].method: Invalid value: \"object\": method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)"
        },
        {
            "a filter HTTP routes have but gRPC routes do not",
            "rules: [{filters: [{type: URLRewrite}]}]",
            "spec.rules[0].filters[0].type: Unsupported value: \"URLRewrite\": supported values: \"ResponseHeaderModifier\", \"RequestHeaderModifier\", \"RequestMirror\", \"ExtensionRef\""
        },
        {
            "a repeated response header modifier",
            "rules: [{filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {remove: [a]}}, {type: ResponseHeaderModifier, responseHeaderModifier: {remove: [b]}}]}]",
            "spec.rules[0].filters: Invalid value: \"array\": ResponseHeaderModifier filter cannot be repeated"
        },
        {
            "a mirror filter without its mirror",
            "rules: [{filters: [{type: RequestMirror}]}]",
            "spec.rules[0].filters[0]: Invalid value: \"object\": filter.requestMirror must be specified for RequestMirror filter.type"
        },
        {
            "a backend in a namespace with upper case",
            "rules: [{backendRefs: [{name: a, port: 1, namespace: Travel}]}]",
            "spec.rules[0].backendRefs[0].namespace: Invalid value: \"Travel\": spec.rules[0].backendRefs[0].namespace in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_grpc_route_is_refused_with_one_precise_error(string why, string spec, string expected) =>
        Manifests.Messages($"apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {{name: r, namespace: d}}\nspec:\n  {spec}\n")
            .Should().Equal([expected], why);
}
