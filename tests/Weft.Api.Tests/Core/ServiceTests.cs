using Weft.Api.Model;
using Weft.Api.Model.Core;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Core;

public class ServiceTests
{
    [Fact]
    public void Rich_services_set_every_field_and_round_trip_unchanged()
    {
        var services = Manifests.LoadAll("""
            apiVersion: v1
            kind: Service
            metadata:
              name: travels
              namespace: travel-agency
              labels: {app: travels}
            spec:
              type: LoadBalancer
              selector: {app: travels}
              ports:
              - {name: http, protocol: TCP, appProtocol: http, port: 8000, targetPort: http-api, nodePort: 30080}
              - {name: grpc, protocol: TCP, appProtocol: kubernetes.io/h2c, port: 9000, targetPort: 9090, nodePort: 30090}
              clusterIP: 10.96.0.20
              clusterIPs: [10.96.0.20, "fd00::20"]
              ipFamilies: [IPv4, IPv6]
              ipFamilyPolicy: PreferDualStack
              externalIPs: [192.0.2.10]
              sessionAffinity: ClientIP
              sessionAffinityConfig: {clientIP: {timeoutSeconds: 600}}
              loadBalancerIP: 192.0.2.20
              loadBalancerSourceRanges: [10.0.0.0/8]
              loadBalancerClass: example.com/internal
              allocateLoadBalancerNodePorts: true
              externalTrafficPolicy: Local
              healthCheckNodePort: 32000
              internalTrafficPolicy: Cluster
              publishNotReadyAddresses: true
              trafficDistribution: PreferClose
            status:
              loadBalancer: {ingress: [{ip: 192.0.2.20}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: payments, namespace: travel-agency}
            spec:
              type: ExternalName
              externalName: payments.example.com.
            """);
        Manifests.UnsetFields(services[0], services[1]).Should().BeEmpty();
        var again = Manifests.RoundTrip((Service)services[0]);
        again.Spec!.Ports![0].TargetPort.Should().Be(new IntOrString("http-api"));
        again.Spec.Ports[1].TargetPort.Should().Be(new IntOrString(9090));
        Manifests.RoundTrip((Service)services[1]).Spec!.TypeOrDefault.Should().Be(ServiceTypes.ExternalName);
    }

    [Fact]
    public void A_headless_service_needs_no_ports_and_defaults_apply()
    {
        var svc = Manifests.Load<Service>("""
            apiVersion: v1
            kind: Service
            metadata: {name: cars-vm, namespace: travel-agency}
            spec:
              clusterIP: None
              selector: {app: cars}
            """);
        svc.Spec!.IsHeadless.Should().BeTrue();
        svc.Spec.TypeOrDefault.Should().Be(ServiceTypes.ClusterIP);
    }

    [Fact]
    public void Nulls_and_zero_target_ports_read_as_kubectl_writes_them()
    {
        var svc = Manifests.Load<Service>("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default, creationTimestamp: null}
            spec:
              ports: [{port: 80, targetPort: 0, protocol: ""}]
              selector: null
            status: {loadBalancer: {}}
            """);
        svc.Spec!.Ports![0].ProtocolOrDefault.Should().Be(Protocols.TCP);
        svc.Spec.Selector.Should().BeNull();
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "two ports without names",
            "ports: [{port: 80}, {port: 81}]",
            ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]
        },
        {
            "a port name with upper case",
            "ports: [{name: HTTP, port: 80}]",
            ["spec.ports[0].name: Invalid value: \"HTTP\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        },
        {
            "one port name twice",
            "ports: [{name: http, port: 80}, {name: http, port: 81}]",
            ["spec.ports[1].name: Duplicate value: \"http\""]
        },
        {
            "one port and protocol twice",
            "ports: [{name: a, port: 80}, {name: b, port: 80, protocol: TCP}]",
            ["spec.ports[1]: Duplicate value: \"80/TCP\""]
        },
        {
            "port zero",
            "ports: [{port: 0}]",
            ["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"]
        },
        {
            "an application protocol as transport protocol",
            "ports: [{port: 80, protocol: HTTP}]",
            ["spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""]
        },
        {
            "a target port name longer than 15 characters",
            "ports: [{port: 80, targetPort: http-management-api}]",
            ["spec.ports[0].targetPort: Invalid value: \"http-management-api\": must be no more than 15 characters"]
        },
        {
            "a target port out of range",
            "ports: [{port: 80, targetPort: 70000}]",
            ["spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"]
        },
        {
            "an ExternalName service without its name",
            "type: ExternalName",
            ["spec.externalName: Required value"]
        },
        {
            "an ExternalName service with a cluster IP",
            "type: ExternalName\n  externalName: a.example.com\n  clusterIP: 10.0.0.1",
            ["spec.clusterIP: Forbidden: may not be set for ExternalName services"]
        },
        {
            "an ExternalName that is not a DNS name",
            "type: ExternalName\n  externalName: a_b.example.com",
            ["spec.externalName: Invalid value: \"a_b.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
        },
        {
            "a node port on a ClusterIP service",
            "ports: [{port: 80, nodePort: 30080}]",
            ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]
        },
        {
            "a headless NodePort service",
            "type: NodePort\n  clusterIP: None\n  ports: [{port: 80}]",
            ["spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for NodePort services"]
        },
        {
            "a cluster IP that is not an IP",
            "clusterIP: 10.0.0\n  ports: [{port: 80}]",
            ["spec.clusterIP: Invalid value: \"10.0.0\": must be empty, 'None', or a valid IP address"]
        },
        {
            "affinity settings without affinity",
            "sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}\n  ports: [{port: 80}]",
            ["spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None"]
        },
        {
            "a client IP affinity of more than a day",
            "sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 86401}}\n  ports: [{port: 80}]",
            ["spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400"]
        },
        {
            "an unknown type",
            "type: Internal\n  ports: [{port: 80}]",
            ["spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""]
        },
        {
            "no ports on a ClusterIP service",
            "selector: {app: a}",
            ["spec.ports: Required value"]
        },
        {
            "an external traffic policy on an internal service",
            "externalTrafficPolicy: Local\n  ports: [{port: 80}]",
            ["spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"]
        },
        {
            "source ranges on a NodePort service",
            "type: NodePort\n  loadBalancerSourceRanges: [10.0.0.0/8]\n  ports: [{port: 80}]",
            ["spec.loadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"]
        },
        {
            "a selector value with a space",
            "selector: {app: \"my app\"}\n  ports: [{port: 80}]",
            ["spec.selector[app]: Invalid value: \"my app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        },
        {
            "the same IP family twice",
            "ipFamilies: [IPv4, IPv4]\n  ports: [{port: 80}]",
            ["spec.ipFamilies[1]: Duplicate value: \"IPv4\""]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_service_is_refused_as_kubernetes_refuses_it(string why, string spec, string[] expected) =>
        Manifests.Messages($"apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: d\nspec:\n  {spec}\n").Should().Equal(expected, why);

    [Fact]
    public void A_service_name_must_be_a_dns_1035_label()
    {
        Manifests.Messages("apiVersion: v1\nkind: Service\nmetadata: {name: 1st-service}\nspec: {clusterIP: None}\n").Should().Equal(
            "metadata.name: Invalid value: \"1st-service\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
    }
}
