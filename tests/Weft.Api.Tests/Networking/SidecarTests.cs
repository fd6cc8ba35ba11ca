using Weft.Api.Model.Networking;
using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

public class SidecarTests
{
    internal const string Rich = """
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata:
          name: travels
          namespace: travel-agency
        spec:
          workloadSelector:
            labels: {app: travels}
          ingress:
          - port: {number: 8000, protocol: HTTP, name: http}
            bind: 0.0.0.0
            captureMode: IPTABLES
            defaultEndpoint: 127.0.0.1:8000
            connectionPool:
              http: {http1MaxPendingRequests: 100}
          - port: {number: 8443, protocol: HTTPS, name: https}
            defaultEndpoint: unix:///var/run/travels.sock
            tls: {mode: SIMPLE, serverCertificate: /etc/certs/server.pem, privateKey: /etc/certs/key.pem}
          egress:
          - port: {number: 3306, protocol: TCP, name: mysql}
            bind: 127.0.0.2
            captureMode: NONE
            hosts: [travel-agency/mysqldb.travel-agency.svc.cluster.local]
          - hosts: ["./*", istio-system/*, "~/*"]
          inboundConnectionPool:
            tcp: {maxConnections: 500}
          outboundTrafficPolicy:
            mode: ALLOW_ANY
            egressProxy:
              host: egress-proxy.istio-system.svc.cluster.local
              subset: squid
              port: {number: 3128}
        """;

    [Fact]
    public void A_rich_sidecar_round_trips_through_yaml_and_json()
    {
        var sidecar = Manifests.Load<Sidecar>(Rich);
        RoundTrips(sidecar);
        sidecar.Spec!.Egress![1].Port.Should().BeNull();
        sidecar.Spec.OutboundTrafficPolicy!.Mode.Should().Be(OutboundTrafficPolicyMode.AllowAny);
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "nothing to configure",
            "workloadSelector: {labels: {app: travels}}",
            ["spec: Required value: sidecar: empty configuration provided"]
        },
        {
            "the catch-all egress listener before another",
            "egress:\n- hosts: [\"./*\"]\n- port: {number: 80, protocol: HTTP, name: http}\n  hosts: [\"./*\"]",
            ["spec.egress[0]: Forbidden: sidecar: the egress listener with empty port should be the last listener in the list"]
        },
        {
            "an egress host without its namespace",
            "egress: [{hosts: [reviews.bookinfo.svc.cluster.local]}]",
            ["spec.egress[0].hosts[0]: Invalid value: \"reviews.bookinfo.svc.cluster.local\": host must be of form namespace/dnsName"]
        },
        {
            "an egress host by short name",
            "egress: [{hosts: [\"*/reviews\"]}]",
            ["spec.egress[0].hosts[0]: Invalid value: \"*/reviews\": short names (non FQDN) are not allowed"]
        },
        {
            "an egress listener without hosts",
            "egress: [{port: {number: 80, protocol: HTTP, name: http}}]",
            ["spec.egress[0].hosts: Required value: sidecar: egress listener must contain at least one host"]
        },
        {
            "an ingress listener without a port",
            "ingress: [{defaultEndpoint: \"127.0.0.1:8080\"}]",
            ["spec.ingress[0].port: Required value: sidecar: port is required for ingress listeners"]
        },
        {
            "a default endpoint outside the workload",
            "ingress: [{port: {number: 80, protocol: HTTP, name: http}, defaultEndpoint: \"10.0.0.1:8080\"}]",
            ["spec.ingress[0].defaultEndpoint: Invalid value: \"10.0.0.1:8080\": sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset"]
        },
        {
            "two ingress listeners on one port",
            "ingress:\n- port: {number: 80, protocol: HTTP, name: http}\n- port: {number: 80, protocol: HTTP, name: http2}",
            ["spec.ingress[1].port.number: Duplicate value: 80: sidecar: ports on IP bound listeners must be unique"]
        },
        {
            "an egress proxy when unknown hosts are refused",
            "outboundTrafficPolicy: {mode: REGISTRY_ONLY, egressProxy: {host: proxy.example.com, port: {number: 3128}}}",
            ["spec.outboundTrafficPolicy.egressProxy: Forbidden: sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode"]
        },
        {
            "an egress proxy without a port",
            "outboundTrafficPolicy: {mode: ALLOW_ANY, egressProxy: {host: proxy.example.com}}",
            ["spec.outboundTrafficPolicy.egressProxy.port: Required value: sidecar: egress_proxy port must be non-nil"]
        },
        {
            "an egress listener on port 0 without a Unix socket",
            "egress: [{port: {number: 0, protocol: HTTP, name: uds}, hosts: [\"./*\"]}]",
            ["spec.egress[0].bind: Required value: sidecar: ports with 0 value must have a unix domain socket bind address"]
        },
        {
            "Istio's mTLS on an ingress listener",
            "ingress: [{port: {number: 8443, protocol: HTTPS, name: https}, tls: {mode: ISTIO_MUTUAL}}]",
            ["spec.ingress[0].tls.mode: Invalid value: \"ISTIO_MUTUAL\": configuration is invalid: cannot set mode to ISTIO_MUTUAL in sidecar ingress tls"]
        },
        {
            "a workload selector with a wildcard value",
            "workloadSelector: {labels: {app: \"*\"}}\negress: [{hosts: [\"./*\"]}]",
            ["spec.workloadSelector.labels[app]: Invalid value: \"string\": wildcard is not supported in selector"]
        },
        {
            "an unknown capture mode",
            "egress: [{port: {number: 80, protocol: HTTP, name: http}, captureMode: EBPF, hosts: [\"./*\"]}]",
            ["spec.egress[0].captureMode: Unsupported value: \"EBPF\": supported values: \"DEFAULT\", \"IPTABLES\", \"NONE\""]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_sidecar_is_refused_with_precise_errors(string why, string spec, string[] expected) =>
        Manifests.Messages(Doc("Sidecar", spec)).Should().Equal(expected, why);
}
