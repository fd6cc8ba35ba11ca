using System.Globalization;
using System.Text.Json.Nodes;

namespace Weft.Bench.Tools;

/// <summary>
/// The control plane's load for <c>run.sh scale</c>: the Travel Booking application as the VM
/// labs run it (three namespaces, ten Services with a WorkloadEntry each, the cars DestinationRule
/// and its 90/10 VirtualService) plus generated services (<c>svc-NNNN</c> in ten namespaces
/// <c>scale-0..scale-9</c>, a Service and a WorkloadEntry each), and the two changes measured.
/// </summary>
internal static class ScaleConfig
{
    public const string Agency = "travel-agency";
    public const int Namespaces = 10;

    private static readonly (string App, string Namespace, int Port)[] Travel =
    [
        ("discounts-vm", Agency, 8000), ("flights-vm", Agency, 8000), ("hotels-vm", Agency, 8000), ("cars-vm", Agency, 8000),
        ("insurances-vm", Agency, 8000), ("travels-vm", Agency, 8000),
        ("voyages", "travel-portal", 8080), ("viaggi", "travel-portal", 8080), ("travels", "travel-portal", 8080),
        ("control-vm", "travel-control", 8080),
    ];

    public static string ServiceName(int k) => string.Create(CultureInfo.InvariantCulture, $"svc-{k:0000}");

    public static string NamespaceOf(int k, int services) => string.Create(CultureInfo.InvariantCulture, $"scale-{k * Namespaces / Math.Max(services, 1)}");

    /// <summary>The workload's address: 10.B.C.D, unique per generated service (the travel ones use 10.0.0.x).</summary>
    public static string AddressOf(int k) => string.Create(CultureInfo.InvariantCulture, $"10.{1 + k / 62500}.{k / 250 % 250}.{k % 250 + 1}");

    /// <summary>Everything but the changes, as one batch for <c>POST /apis/weft.io/v1/apply</c>.</summary>
    public static JsonObject Initial(int services)
    {
        var items = new JsonArray();
        var i = 0;
        foreach (var (app, ns, port) in Travel)
        {
            items.Add(Service(app, ns, port));
            items.Add(WorkloadEntry(app, ns, string.Create(CultureInfo.InvariantCulture, $"10.0.0.{++i}"), "v1"));
        }
        items.Add(WorkloadEntry("cars-vm-v2", Agency, "10.0.0.100", "v2", app: "cars-vm"));
        items.Add(CarsDestinationRule());
        items.Add(CarsVirtualService(90));
        for (var k = 0; k < services; k++)
        {
            var name = ServiceName(k);
            var ns = NamespaceOf(k, services);
            items.Add(Service(name, ns, 8000));
            items.Add(WorkloadEntry(name, ns, AddressOf(k), "v1"));
        }
        if (services > 0)
            items.Add(LocalVirtualService(services, 10));
        return List(items);
    }

    /// <summary>A mesh-wide change: cars' weights (every sidecar routes to cars, so every snapshot changes).</summary>
    public static JsonObject MeshWideChange(int v1Weight) => List([CarsVirtualService(v1Weight)]);

    /// <summary>A namespace-local change: svc-0000's VirtualService, exported to its own namespace only.</summary>
    public static JsonObject LocalChange(int services, int timeoutSeconds) => List([LocalVirtualService(services, timeoutSeconds)]);

    private static JsonObject List(JsonArray items) => new() { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items };

    private static JsonObject Service(string app, string ns, int port) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = app, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["app"] = app },
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = port, ["targetPort"] = port }),
        },
    };

    private static JsonObject WorkloadEntry(string name, string ns, string address, string version, string? app = null) => new()
    {
        ["apiVersion"] = "networking.istio.io/v1",
        ["kind"] = "WorkloadEntry",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["address"] = address,
            ["labels"] = new JsonObject { ["app"] = app ?? name, ["version"] = version },
            ["serviceAccount"] = app ?? name,
        },
    };

    private static JsonObject CarsDestinationRule() => new()
    {
        ["apiVersion"] = "networking.istio.io/v1",
        ["kind"] = "DestinationRule",
        ["metadata"] = new JsonObject { ["name"] = "cars-vm", ["namespace"] = Agency },
        ["spec"] = new JsonObject
        {
            ["host"] = "cars-vm",
            ["subsets"] = new JsonArray(
                new JsonObject { ["name"] = "v1", ["labels"] = new JsonObject { ["version"] = "v1" } },
                new JsonObject { ["name"] = "v2", ["labels"] = new JsonObject { ["version"] = "v2" } }),
        },
    };

    private static JsonObject CarsVirtualService(int v1Weight) => new()
    {
        ["apiVersion"] = "networking.istio.io/v1",
        ["kind"] = "VirtualService",
        ["metadata"] = new JsonObject { ["name"] = "cars-vm", ["namespace"] = Agency },
        ["spec"] = new JsonObject
        {
            ["hosts"] = new JsonArray("cars-vm"),
            ["http"] = new JsonArray(new JsonObject
            {
                ["route"] = new JsonArray(
                    new JsonObject { ["destination"] = new JsonObject { ["host"] = "cars-vm", ["subset"] = "v1" }, ["weight"] = v1Weight },
                    new JsonObject { ["destination"] = new JsonObject { ["host"] = "cars-vm", ["subset"] = "v2" }, ["weight"] = 100 - v1Weight }),
            }),
        },
    };

    private static JsonObject LocalVirtualService(int services, int timeoutSeconds) => new()
    {
        ["apiVersion"] = "networking.istio.io/v1",
        ["kind"] = "VirtualService",
        ["metadata"] = new JsonObject { ["name"] = ServiceName(0), ["namespace"] = NamespaceOf(0, services) },
        ["spec"] = new JsonObject
        {
            ["hosts"] = new JsonArray(ServiceName(0)),
            ["exportTo"] = new JsonArray("."),
            ["http"] = new JsonArray(new JsonObject
            {
                ["timeout"] = string.Create(CultureInfo.InvariantCulture, $"{timeoutSeconds}s"),
                ["route"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = ServiceName(0) } }),
            }),
        },
    };
}
