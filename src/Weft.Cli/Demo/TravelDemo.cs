using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Cli.Workloads;

namespace Weft.Cli.Demo;

/// <summary>
/// The Travel Booking application as the OpenShift Service Mesh VM labs run it: the agency's
/// services as VMs named NAME-vm on port 8000 (travel-agency), the three portals as containers on
/// 8080 (travel-portal), the control dashboard as a VM on 8080 (travel-control), each behind a
/// Service of its own name selecting <c>app: NAME</c>, calling each other by those names.
/// </summary>
public static class TravelDemo
{
    public const string Agency = "travel-agency";
    public const string Portal = "travel-portal";
    public const string Control = "travel-control";

    public static readonly ImmutableArray<string> Namespaces = [Agency, Portal, Control];

    private static readonly (string Name, string Domain, string Country, string Coordinates)[] Portals =
    [
        ("voyages", "voyages.fr", "France", "48.861310,2.337418"),
        ("viaggi", "viaggi.it", "Italy", "41.890668,12.492194"),
        ("travels", "travels.uk", "United Kingdom", "55.956245,-3.187915"),
    ];

    /// <summary>A travel-agency service as the labs' VM: app NAME-vm, version, port 8000, calling the others by their Service names.</summary>
    public static WorkloadSpec AgencyVm(string service, string version = "v1", string? name = null, bool? sidecar = null)
    {
        var env = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        env["CURRENT_SERVICE"] = service;
        env["CURRENT_VERSION"] = version;
        if (service == "travels")
        {
            foreach (var s in new[] { "flights", "hotels", "cars", "insurances" })
                env[$"{s.ToUpperInvariant()}_SERVICE"] = $"http://{s}-vm.{Agency}:8000";
        }
        else if (service != "discounts")
            env["DISCOUNTS_SERVICE"] = $"http://discounts-vm.{Agency}:8000";
        return new WorkloadSpec
        {
            Name = name ?? $"{service}-vm",
            Namespace = Agency,
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("app", $"{service}-vm"), KeyValuePair.Create("version", version)]),
            ServiceAccount = $"{service}-vm",
            Kind = "VirtualMachine",
            Ports = [8000],
            Sidecar = sidecar,
            Command = ["weft-samples", service],
            Environment = env.ToImmutable(),
        };
    }

    /// <summary>Every workload of the demo, in the order they start.</summary>
    public static IReadOnlyList<WorkloadSpec> Workloads()
    {
        var list = new List<WorkloadSpec>();
        foreach (var s in new[] { "discounts", "flights", "hotels", "cars", "insurances", "travels" })
            list.Add(AgencyVm(s));
        foreach (var (name, domain, country, coordinates) in Portals)
        {
            list.Add(new WorkloadSpec
            {
                Name = name,
                Namespace = Portal,
                Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("app", name), KeyValuePair.Create("version", "v1")]),
                ServiceAccount = name,
                Kind = "Container",
                Ports = [8080],
                Command = ["weft-samples", "portal"],
                Environment = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [
                    KeyValuePair.Create("PORTAL_NAME", domain),
                    KeyValuePair.Create("PORTAL_COUNTRY", country),
                    KeyValuePair.Create("PORTAL_COORDINATES", coordinates),
                    KeyValuePair.Create("TRAVELS_AGENCY_SERVICE", $"http://travels-vm.{Agency}:8000"),
                ]),
            });
        }
        list.Add(new WorkloadSpec
        {
            Name = "control-vm",
            Namespace = Control,
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("app", "control-vm"), KeyValuePair.Create("version", "v1")]),
            ServiceAccount = "control-vm",
            Kind = "VirtualMachine",
            Ports = [8080],
            Command = ["weft-samples", "control"],
            Environment = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [
                KeyValuePair.Create("PORTAL_SERVICES", string.Join(",", Portals.Select(p => $"{p.Domain};http://{p.Name}.{Portal}:8080"))),
            ]),
        });
        return list;
    }

    /// <summary>The namespaces (outside the mesh, or in it) and one Service per workload name, as one batch to apply.</summary>
    public static IEnumerable<JsonObject> Objects(bool meshed)
    {
        foreach (var ns in Namespaces)
            yield return Namespace(ns, meshed);
        foreach (var w in Workloads())
        {
            var app = w.Labels["app"];
            yield return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = new JsonObject { ["name"] = app, ["namespace"] = w.Namespace, ["labels"] = new JsonObject { ["app"] = app } },
                ["spec"] = new JsonObject
                {
                    ["selector"] = new JsonObject { ["app"] = app },
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = w.Ports[0], ["targetPort"] = w.Ports[0] }),
                },
            };
        }
    }

    /// <summary>
    /// The demo's mesh settings as Istio's demo profile has them, in the <c>istio</c> ConfigMap of
    /// istio-system where weftd reads MeshConfig: every sidecar sends its spans to weftd's own trace
    /// store (the console's Traces page, Jaeger's query API), sampling 10% of requests. An ordinary
    /// object the user can read and change (`weft get configmap istio -n istio-system -o yaml`).
    /// </summary>
    public static JsonObject MeshSettings(Uri weftd) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = "istio", ["namespace"] = "istio-system", ["labels"] = new JsonObject { ["weft.io/demo"] = "travels" } },
        ["data"] = new JsonObject
        {
            ["mesh"] = string.Create(CultureInfo.InvariantCulture, $"""
                extensionProviders:
                - name: weftd
                  opentelemetry:
                    service: "{weftd.Host}"
                    port: {weftd.Port}
                    http:
                      path: /v1/traces
                defaultProviders:
                  tracing: [weftd]
                defaultConfig:
                  tracing:
                    sampling: 10

                """),
        },
    };

    /// <summary>A demo namespace; in the mesh it carries <c>istio-injection: enabled</c>, as the Kiali demo's deploy script labels them.</summary>
    public static JsonObject Namespace(string name, bool meshed)
    {
        var labels = new JsonObject { ["weft.io/demo"] = "travels" };
        if (meshed)
            labels[WorkloadAnnotations.InjectionLabel] = "enabled";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
        };
    }
}
