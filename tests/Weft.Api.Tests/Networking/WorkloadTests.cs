using Weft.Api.Model.Networking;
using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

public class WorkloadTests
{
    internal const string Entry = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata:
          name: cars-vm-v2-a
          namespace: travel-agency
        spec:
          address: 10.0.2.15
          ports: {http: 8000}
          labels: {app: cars, version: v2}
          network: vm-network
          locality: us-east/zone1
          weight: 1
          serviceAccount: cars
        """;

    internal const string Groups = """
        apiVersion: networking.istio.io/v1
        kind: WorkloadGroup
        metadata:
          name: cars
          namespace: travel-agency
        spec:
          metadata:
            labels: {app: cars, version: v2}
            annotations: {sidecar.istio.io/inject: "true"}
          template:
            address: 10.0.2.15
            ports: {http: 8000}
            labels: {app: cars}
            network: vm-network
            locality: us-east/zone1
            weight: 1
            serviceAccount: cars
          probe:
            initialDelaySeconds: 5
            timeoutSeconds: 3
            periodSeconds: 4
            successThreshold: 3
            failureThreshold: 3
            httpGet:
              path: /health
              port: 8000
              host: 127.0.0.1
              scheme: HTTP
              httpHeaders: [{name: x-probe, value: weft}]
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: WorkloadGroup
        metadata: {name: mysqldb, namespace: travel-agency}
        spec:
          template: {serviceAccount: mysqldb}
          probe:
            tcpSocket: {host: 127.0.0.1, port: 3306}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: WorkloadGroup
        metadata: {name: discounts, namespace: travel-agency}
        spec:
          template: {serviceAccount: discounts}
          probe:
            exec: {command: [/usr/bin/curl, -fs, http://localhost:8000/health]}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadGroup
        metadata: {name: travels, namespace: travel-agency}
        spec:
          template: {serviceAccount: travels}
          probe:
            grpc: {port: 9000, service: travels.Health}
        """;

    [Fact]
    public void A_rich_workload_entry_round_trips_through_yaml_and_json()
    {
        var we = Manifests.Load<WorkloadEntry>(Entry);
        UnsetTypeFields(we).Should().BeEmpty();
        RoundTrips(we);
        we.Spec!.Ports!["http"].Should().Be(8000u);
    }

    [Fact]
    public void Rich_workload_groups_round_trip_through_yaml_and_json()
    {
        var groups = Manifests.LoadAll(Groups).Cast<WorkloadGroup>().ToList();
        UnsetTypeFields([.. groups]).Should().BeEmpty();
        foreach (var wg in groups)
            RoundTrips(wg);
        groups[2].Spec!.Probe!.Exec!.Command.Should().HaveCount(3);
    }

    [Fact]
    public void A_vm_named_by_dns_and_a_workload_on_a_unix_socket_are_valid()
    {
        Manifests.Load<WorkloadEntry>(Doc("WorkloadEntry", "address: cars-vm.example.com\nports: {http: 8000}"));
        Manifests.Load<WorkloadEntry>(Doc("WorkloadEntry", "address: unix:///var/run/cars.sock"));
    }

    public static TheoryData<string, string, string, string[]> Invalid() => new()
    {
        {
            "an address that is neither an IP nor a host name",
            "WorkloadEntry",
            "address: cars vm",
            ["spec.address: Invalid value: \"cars vm\": endpoint address \"cars vm\" is not a valid FQDN or an IP address"]
        },
        {
            "a label key Kubernetes refuses",
            "WorkloadEntry",
            "address: 10.0.0.1\nlabels: {\"-app\": cars}",
            ["spec.labels: Invalid value: \"-app\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]
        },
        {
            "a port number of zero",
            "WorkloadEntry",
            "address: 10.0.0.1\nports: {http: 0}",
            ["spec.ports[http]: Invalid value: \"integer\": port must be between 1-65535"]
        },
        {
            "a group without a template",
            "WorkloadGroup",
            "metadata: {labels: {app: cars}}",
            ["spec.template: Required value: template is required"]
        },
        {
            "a probe with two methods",
            "WorkloadGroup",
            "template: {}\nprobe: {tcpSocket: {port: 80}, exec: {command: [/bin/true]}}",
            ["spec.probe in body must validate one and only one schema (oneOf): only one of httpGet, tcpSocket, exec or grpc may be set, found tcpSocket and exec"]
        },
        {
            "a probe without a method",
            "WorkloadGroup",
            "template: {}\nprobe: {periodSeconds: 5}",
            ["spec.probe: Required value: a probe needs one of httpGet, tcpSocket, exec or grpc"]
        },
        {
            "an exec probe without a command",
            "WorkloadGroup",
            "template: {}\nprobe: {exec: {command: []}}",
            ["spec.probe.exec.command: Required value: exec.command is required"]
        },
        {
            "an HTTP probe over FTP",
            "WorkloadGroup",
            "template: {}\nprobe: {httpGet: {port: 80, scheme: FTP}}",
            ["spec.probe.httpGet.scheme: Invalid value: \"string\": scheme must be one of [HTTP, HTTPS]"]
        },
        {
            "a negative initial delay",
            "WorkloadGroup",
            "template: {}\nprobe: {initialDelaySeconds: -1, tcpSocket: {port: 80}}",
            ["spec.probe.initialDelaySeconds: Invalid value: -1: spec.probe.initialDelaySeconds in body should be greater than or equal to 0"]
        },
        {
            "an HTTP probe without a port",
            "WorkloadGroup",
            "template: {}\nprobe: {httpGet: {path: /health}}",
            ["spec.probe.httpGet.port: Required value"]
        },
        {
            "a template on a Unix socket with ports",
            "WorkloadGroup",
            "template: {address: \"unix:///var/run/app.sock\", ports: {http: 80}}",
            ["spec.template: Invalid value: \"object\": UDS may not include ports"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_workload_is_refused_with_precise_errors(string why, string kind, string spec, string[] expected) =>
        Manifests.Messages(Doc(kind, spec)).Should().Equal(expected, why);
}
