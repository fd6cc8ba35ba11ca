using Weft.Api.Model.Networking;
using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

public class ServiceEntryTests
{
    internal const string Rich = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: mysqldb-vm
          namespace: travel-agency
        spec:
          hosts: [mysqldb-vm.travel-agency.svc.cluster.local]
          addresses: [10.10.0.20, 10.10.1.0/24]
          ports:
          - {number: 3306, protocol: TCP, name: tcp-mysql, targetPort: 13306}
          location: MESH_INTERNAL
          resolution: STATIC
          endpoints:
          - address: 10.10.0.21
            ports: {tcp-mysql: 3306}
            labels: {app: mysqldb, version: v1}
            network: vm-network
            locality: us-east/zone1/rack2
            weight: 10
            serviceAccount: mysqldb
          - address: unix:///var/run/mysqld.sock
          exportTo: [".", travel-portal]
          subjectAltNames: [spiffe://cluster.local/ns/travel-agency/sa/mysqldb]
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: ServiceEntry
        metadata:
          name: cars-vm
          namespace: travel-agency
        spec:
          hosts: [cars-vm.travel-agency.svc.cluster.local]
          ports: [{number: 8000, protocol: HTTP, name: http}]
          resolution: STATIC
          location: MESH_INTERNAL
          workloadSelector:
            labels: {app: cars}
        """;

    [Fact]
    public void Rich_service_entries_round_trip_through_yaml_and_json()
    {
        var entries = Manifests.LoadAll(Rich).Cast<ServiceEntry>().ToList();
        UnsetTypeFields([.. entries]).Should().BeEmpty();
        foreach (var se in entries)
            RoundTrips(se);
        entries[0].Spec!.Resolution.Should().Be(ServiceEntryResolution.Static);
        entries[0].Spec!.Endpoints![0].Ports!["tcp-mysql"].Should().Be(3306u);
    }

    [Fact]
    public void An_external_api_resolved_by_dns_is_valid()
    {
        Manifests.Load<ServiceEntry>(Doc("ServiceEntry", """
            hosts: [api.example.com, www.example.com]
            ports: [{number: 443, protocol: TLS, name: tls}, {number: 80, protocol: HTTP, name: http}]
            resolution: DNS
            location: MESH_EXTERNAL
            """));
    }

    [Fact]
    public void A_service_entry_may_be_visible_to_no_one_but_its_own_proxies()
    {
        Manifests.Load<ServiceEntry>(Doc("ServiceEntry", "hosts: [internal.example.com]\nexportTo: [\"~\"]"));
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "an empty host list",
            "hosts: []",
            ["spec.hosts in body should have at least 1 items"]
        },
        {
            "a static endpoint named by DNS",
            "hosts: [db.example.com]\nresolution: STATIC\nports: [{number: 5432, name: tcp}]\nendpoints: [{address: db1.example.com}]",
            ["spec.endpoints[0].address: Invalid value: \"db1.example.com\": endpoint address \"db1.example.com\" is not a valid IP address"]
        },
        {
            "an endpoint port the service entry does not have",
            "hosts: [db.example.com]\nresolution: STATIC\nports: [{number: 5432, name: tcp}]\nendpoints: [{address: 10.0.0.1, ports: {http: 8080}}]",
            ["spec.endpoints[0].ports[http]: Invalid value: 8080: endpoint port 8080 is not defined by the service entry"]
        },
        {
            "several hosts on a plain TCP port",
            "hosts: [a.example.com, b.example.com]\nresolution: DNS\nports: [{number: 5432, protocol: TCP, name: tcp}]",
            ["spec.ports[0].protocol: Invalid value: \"TCP\": multiple hosts provided with non-HTTP, non-TLS ports"]
        },
        {
            "a wildcard host resolved by DNS without endpoints",
            "hosts: [\"*.example.com\"]\nresolution: DNS",
            ["spec.hosts[0]: Invalid value: \"*.example.com\": hosts must be FQDN if no endpoints are provided for resolution mode DNS"]
        },
        {
            "an address that is not one",
            "hosts: [db.example.com]\naddresses: [10.0.0]",
            ["spec.addresses[0]: Invalid value: \"10.0.0\": 10.0.0 is not a valid IP"]
        },
        {
            "a protocol Istio does not know",
            "hosts: [db.example.com]\nports: [{number: 5432, protocol: POSTGRES, name: db}]",
            ["spec.ports[0].protocol: Unsupported value: \"POSTGRES\": supported values: \"HTTP\", \"HTTPS\", \"HTTP2\", \"HTTP_PROXY\", \"GRPC\", \"GRPC-WEB\", \"TCP\", \"TLS\", \"UDP\", \"MONGO\", \"REDIS\", \"MYSQL\""]
        },
        {
            "a port name that is not a DNS label",
            "hosts: [db.example.com]\nports: [{number: 5432, protocol: TCP, name: tcp_db}]",
            ["spec.ports[0].name: Invalid value: \"tcp_db\": invalid port name: tcp_db"]
        },
        {
            "a port without a name",
            "hosts: [db.example.com]\nports: [{number: 5432, protocol: TCP}]",
            ["spec.ports[0].name: Required value"]
        },
        {
            "exporting to no one and to someone",
            "hosts: [db.example.com]\nexportTo: [\"~\", travel-portal]",
            ["spec.exportTo: Invalid value: cannot export service entry to no one (~) and someone"]
        },
        {
            "a workload selector with a wildcard key",
            "hosts: [db.example.com]\nworkloadSelector: {labels: {\"app*\": db}}",
            ["spec.workloadSelector.labels[app*]: Invalid value: \"app*\": wildcard is not supported in selector: \"app*=db\""]
        },
        {
            "a Unix socket endpoint for two service ports",
            "hosts: [db.example.com]\nresolution: STATIC\nports: [{number: 1, name: a}, {number: 2, name: b}]\nendpoints: [{address: \"unix:///var/run/db.sock\"}]",
            ["spec.endpoints[0].address: Invalid value: \"unix:///var/run/db.sock\": exactly 1 service port required for unix endpoints"]
        },
        {
            "an unknown resolution",
            "hosts: [db.example.com]\nresolution: MAGIC",
            ["spec.resolution: Unsupported value: \"MAGIC\": supported values: \"NONE\", \"STATIC\", \"DNS\", \"DNS_ROUND_ROBIN\", \"DYNAMIC_DNS\""]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_service_entry_is_refused_with_precise_errors(string why, string spec, string[] expected) =>
        Manifests.Messages(Doc("ServiceEntry", spec)).Should().Equal(expected, why);
}
