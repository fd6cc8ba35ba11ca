using Weft.Api.Model.GatewayApi;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.GatewayApi;

public class GatewayTests
{
    private const string Rich = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: shared-gateway
          namespace: istio-ingress
        spec:
          gatewayClassName: istio
          addresses:
          - {type: IPAddress, value: 10.0.0.10}
          - {type: Hostname, value: ingress.travel.example.com}
          - {type: example.com/pool, value: blue}
          infrastructure:
            labels: {team: travel}
            annotations: {networking.example.com/lb: internal}
            parametersRef: {group: "", kind: ConfigMap, name: gateway-options}
          allowedListeners:
            namespaces:
              from: Selector
              selector:
                matchLabels: {shared-gateway-access: "true"}
                matchExpressions:
                - {key: env, operator: In, values: [prod, staging]}
          tls:
            backend:
              clientCertificateRef: {group: "", kind: Secret, name: gateway-client, namespace: istio-ingress}
            frontend:
              default:
                validation:
                  caCertificateRefs: [{group: "", kind: ConfigMap, name: client-ca, namespace: istio-ingress}]
                  mode: AllowInsecureFallback
              perPort:
              - port: 8443
                tls:
                  validation:
                    caCertificateRefs: [{group: "", kind: Secret, name: partner-ca, namespace: partners}]
                    mode: AllowValidOnly
          listeners:
          - name: http
            port: 80
            protocol: HTTP
            hostname: "*.travel.example.com"
            allowedRoutes:
              namespaces:
                from: Selector
                selector:
                  matchLabels: {travel: "true"}
                  matchExpressions: [{key: tier, operator: Exists}, {key: zone, operator: NotIn, values: [dmz]}]
              kinds: [{group: gateway.networking.k8s.io, kind: HTTPRoute}]
          - name: https
            port: 443
            protocol: HTTPS
            hostname: control.travel.example.com
            tls:
              mode: Terminate
              certificateRefs: [{group: "", kind: Secret, name: control-cert, namespace: istio-ingress}]
              options: {example.com/min-version: "1.3"}
        status:
          addresses: [{type: IPAddress, value: 10.0.0.10}]
          conditions: [{type: Programmed, status: "True", reason: Programmed, message: "", lastTransitionTime: "2026-01-01T00:00:00Z"}]
        """;

    [Fact]
    public void A_rich_gateway_sets_every_field_and_round_trips_unchanged()
    {
        var gateway = Manifests.Load<Gateway>(Rich);
        Manifests.UnsetFields(gateway).Should().BeEmpty();
        var again = Manifests.RoundTrip(gateway);
        again.Spec!.Listeners![1].Tls!.Mode.Should().Be(TLSModeType.Terminate);
        again.Spec.AllowedListeners!.Namespaces!.From.Should().Be(FromNamespaces.Selector);
        again.Spec.Addresses![0].TypeOrDefault.Should().Be("IPAddress");
    }

    [Fact]
    public void Passthrough_tls_listeners_need_no_certificates()
    {
        Manifests.Load<Gateway>(Gw("""
            listeners:
              - {name: tls, port: 443, protocol: TLS, tls: {mode: Passthrough}}
              - {name: tcp, port: 9000, protocol: TCP}
              - {name: custom, port: 9001, protocol: example.com/quic}
            """)).Spec!.Listeners.Should().HaveCount(3);
    }

    [Fact]
    public void A_listener_named_twice_is_reported_as_a_duplicate_and_by_the_crd_rule()
    {
        Manifests.Messages(Gw("listeners: [{name: web, port: 80, protocol: HTTP}, {name: web, port: 8080, protocol: HTTP}]")).Should().Equal(
            "spec.listeners[1]: Duplicate value: map[string]interface {}{\"name\":\"web\"}",
            "spec.listeners: Invalid value: \"array\": Listener name must be unique within the Gateway");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "tls on a plain HTTP listener",
            "listeners: [{name: web, port: 80, protocol: HTTP, tls: {mode: Passthrough}}]",
            "spec.listeners: Invalid value: \"array\": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"
        },
        {
            "an HTTPS listener that passes TLS through",
            "listeners: [{name: web, port: 443, protocol: HTTPS, tls: {mode: Passthrough}}]",
            "spec.listeners: Invalid value: \"array\": tls mode must be Terminate for protocol HTTPS"
        },
        {
            "a TLS listener without tls",
            "listeners: [{name: tls, port: 443, protocol: TLS}]",
            "spec.listeners: Invalid value: \"array\": tls mode must be set for protocol TLS"
        },
        {
            "a TCP listener with a hostname",
            "listeners: [{name: tcp, port: 9000, protocol: TCP, hostname: a.example.com}]",
            "spec.listeners: Invalid value: \"array\": hostname must not be specified for protocols ['TCP', 'UDP']"
        },
        {
            "two listeners on one port, protocol and hostname",
            "listeners: [{name: a, port: 80, protocol: HTTP}, {name: b, port: 80, protocol: HTTP}]",
            "spec.listeners: Invalid value: \"array\": Combination of port, protocol and hostname must be unique for each listener"
        },
        {
            "a terminating listener without certificates",
            "listeners: [{name: web, port: 443, protocol: HTTPS, tls: {mode: Terminate}}]",
            "spec.listeners[0].tls: Invalid value: \"object\": certificateRefs or options must be specified when mode is Terminate"
        },
        {
            "port zero",
            "listeners: [{name: web, port: 0, protocol: HTTP}]",
            "spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1"
        },
        {
            "a protocol with an underscore",
            "listeners: [{name: web, port: 80, protocol: HTTP_2}]",
            "spec.listeners[0].protocol: Invalid value: \"HTTP_2\": spec.listeners[0].protocol in body should match '^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9]+$'"
        },
        {
            "a listener name with upper case",
            "listeners: [{name: Web, port: 80, protocol: HTTP}]",
            "spec.listeners[0].name: Invalid value: \"Web\": spec.listeners[0].name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'"
        },
        {
            "no listeners at all",
            "listeners: []",
            "spec.listeners: Invalid value: 0: spec.listeners in body should have at least 1 items"
        },
        {
            "routes allowed from no namespace",
            "listeners: [{name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: None}}}]",
            "spec.listeners[0].allowedRoutes.namespaces.from: Unsupported value: \"None\": supported values: \"All\", \"Selector\", \"Same\""
        },
        {
            "a selector with an unknown operator",
            "listeners: [{name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchExpressions: [{key: env, operator: Equals, values: [a]}]}}}}]",
            "spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator"
        },
        {
            "the same IP address twice",
            "listeners: [{name: web, port: 80, protocol: HTTP}]\n  addresses: [{value: 10.0.0.1}, {type: IPAddress, value: 10.0.0.1}]",
            "spec.addresses: Invalid value: \"array\": IPAddress values must be unique"
        },
        {
            "a hostname address with upper case",
            "listeners: [{name: web, port: 80, protocol: HTTP}]\n  addresses: [{type: Hostname, value: LB.example.com}]",
            "spec.addresses[0]: Invalid value: \"object\": Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)"
        },
        {
            "an infrastructure label key with two slashes",
            "listeners: [{name: web, port: 80, protocol: HTTP}]\n  infrastructure: {labels: {a/b/c: x}}",
            "spec.infrastructure.labels: Invalid value: \"object\": Label keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters."
        },
        {
            "client validation without CA certificates",
            "listeners: [{name: web, port: 80, protocol: HTTP}]\n  tls: {frontend: {default: {validation: {caCertificateRefs: []}}}}",
            "spec.tls.frontend.default.validation.caCertificateRefs: Invalid value: 0: spec.tls.frontend.default.validation.caCertificateRefs in body should have at least 1 items"
        },
        {
            "no gateway class",
            "listeners: [{name: web, port: 80, protocol: HTTP}]\n  gatewayClassName: null",
            "spec.gatewayClassName in body must be of type string: \"null\""
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_gateway_is_refused_with_one_precise_error(string why, string spec, string expected) =>
        Manifests.Messages(Gw(spec)).Should().Equal([expected], why);

    [Fact]
    public void Tls_settings_twice_for_one_port_are_a_duplicate_and_break_the_crd_rule()
    {
        Manifests.Messages(Gw("listeners: [{name: web, port: 80, protocol: HTTP}]\n  tls: {frontend: {default: {}, perPort: [{port: 443, tls: {}}, {port: 443, tls: {}}]}}")).Should().Equal(
            "spec.tls.frontend.perPort[1]: Duplicate value: map[string]interface {}{\"port\":443}",
            "spec.tls.frontend.perPort: Invalid value: \"array\": Port for TLS configuration must be unique within the Gateway");
    }

    [Fact]
    public void A_gateway_without_class_and_listeners_names_both()
    {
        Manifests.Messages("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {}\n").Should().Equal(
            "spec.gatewayClassName: Required value",
            "spec.listeners: Required value");
    }

    internal static string Gw(string spec) =>
        spec.Contains("gatewayClassName", StringComparison.Ordinal)
            ? $"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\n  namespace: default\nspec:\n  {spec}\n"
            : $"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\n  namespace: default\nspec:\n  gatewayClassName: istio\n  {spec}\n";
}
