using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Weft.Cli.Workloads;

/// <summary>An endpoint of a service: a workload's address and the port its app (or sidecar) serves on.</summary>
public readonly record struct ServiceEndpoint(string Address, int Port);

/// <summary>
/// What the supervisors need to know of the mesh at one moment, read whole from the REST API:
/// namespaces and their labels, ServiceMeshMemberRoll members, Services and WorkloadEntries.
/// Immutable; <see cref="MeshView"/> swaps in a new one every poll.
/// </summary>
public sealed record MeshState(
    ImmutableDictionary<string, JsonObject> Namespaces,
    ImmutableHashSet<string> MemberRollMembers,
    ImmutableArray<JsonObject> Services,
    ImmutableArray<JsonObject> WorkloadEntries)
{
    public static readonly MeshState Empty = new(ImmutableDictionary<string, JsonObject>.Empty, [], [], []);

    /// <summary>OpenShift Service Mesh's rule: a namespace is in the mesh by its injection label or a member roll entry.</summary>
    public bool IsMeshMember(string ns) =>
        MemberRollMembers.Contains(ns)
        || (Namespaces.TryGetValue(ns, out var n) && Str(n, "metadata", "labels", WorkloadAnnotations.InjectionLabel) == "enabled");

    public JsonObject? Entry(string ns, string name)
    {
        foreach (var e in WorkloadEntries)
            if (Str(e, "metadata", "namespace") == ns && Str(e, "metadata", "name") == name)
                return e;
        return null;
    }

    /// <summary>
    /// Whether a workload should run with a sidecar: its entry's inject annotation when it says
    /// true or false, else its namespace's membership.
    /// </summary>
    public bool WantsSidecar(string ns, string name, bool? fallback)
    {
        var annotation = Entry(ns, name) is { } e ? Str(e, "metadata", "annotations", WorkloadAnnotations.Inject) : null;
        return annotation switch
        {
            "true" => true,
            "false" => false,
            _ => fallback ?? IsMeshMember(ns),
        };
    }

    /// <summary>
    /// Resolves what a client typed (NAME in its own namespace, NAME.NS, NAME.NS.svc,
    /// NAME.NS.svc.cluster.local) and a port to the endpoints of that Service, as cluster DNS and
    /// kube-proxy would: WorkloadEntries of the Service's namespace its selector matches, on the
    /// target port. Null when the name is no Service (the caller then uses the name as it is).
    /// </summary>
    public IReadOnlyList<ServiceEndpoint>? Resolve(string host, int port, string callerNamespace)
    {
        var parts = host.TrimEnd('.').ToLowerInvariant().Split('.');
        string name, ns;
        if (parts.Length == 1)
            (name, ns) = (parts[0], callerNamespace);
        else if (parts.Length == 2 || (parts.Length == 3 && parts[2] == "svc") || (parts.Length == 5 && parts[2] == "svc" && parts[3] == "cluster" && parts[4] == "local"))
            (name, ns) = (parts[0], parts[1]);
        else
            return null;
        foreach (var svc in Services)
        {
            if (Str(svc, "metadata", "name") != name || Str(svc, "metadata", "namespace") != ns)
                continue;
            if (svc["spec"]?["ports"] is not JsonArray ports)
                return [];
            int? target = null;
            foreach (var p in ports.OfType<JsonObject>())
            {
                if (Int(p["port"]) != port)
                    continue;
                target = Int(p["targetPort"]) ?? port;
            }
            if (target is not { } targetPort)
                return [];
            var selector = svc["spec"]?["selector"] as JsonObject;
            if (selector is null || selector.Count == 0)
                return [];
            var result = new List<ServiceEndpoint>();
            foreach (var e in WorkloadEntries)
            {
                if (Str(e, "metadata", "namespace") != ns || e["spec"]?["address"]?.GetValue<string>() is not { Length: > 0 } address)
                    continue;
                var labels = e["spec"]?["labels"] as JsonObject;
                if (selector.All(kv => labels?[kv.Key]?.GetValue<string>() == kv.Value?.GetValue<string>()))
                    result.Add(new ServiceEndpoint(address, targetPort));
            }
            return result;
        }
        return null;
    }

    public static string? Str(JsonNode? node, params string[] path)
    {
        foreach (var p in path)
            node = (node as JsonObject)?[p];
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    private static int? Int(JsonNode? n) => n is JsonValue v && v.TryGetValue<int>(out var i) ? i : n is JsonValue s && s.TryGetValue<string>(out var t) && int.TryParse(t, out var j) ? j : null;
}
