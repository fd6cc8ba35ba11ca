using System.Text.Json.Nodes;

namespace Weft.ControlPlane.ClusterIPs;

/// <summary>
/// A Service replaced (PUT, or <c>weft apply</c> of the manifest it was created from) without a
/// <c>clusterIP</c> keeps the one it has, as the Kubernetes API server does
/// (<c>patchAllocatedValues</c>): the field is set once and immutable, so re-applying the same
/// manifest leaves the Service unchanged instead of dropping its address and getting a new one.
/// A headless Service's <c>None</c> is not kept (leaving it out asks for an address), nor is an
/// address when the Service becomes ExternalName (which may not have one).
/// </summary>
public static class ClusterIPRetention
{
    /// <summary>Copies <c>spec.clusterIP</c>/<c>clusterIPs</c> from <paramref name="current"/> into <paramref name="body"/> where the body leaves them out.</summary>
    public static void Keep(JsonObject current, JsonObject body)
    {
        if (!IsService(body) || body["spec"] is not JsonObject spec || current["spec"] is not JsonObject stored)
            return;
        if (String(spec["type"]) == "ExternalName" || String(spec["clusterIP"]) is { Length: > 0 } || spec["clusterIPs"] is JsonArray { Count: > 0 })
            return;
        if (String(stored["clusterIP"]) is not { Length: > 0 } ip || ip == "None")
            return;
        spec["clusterIP"] = ip;
        if (stored["clusterIPs"] is JsonArray ips)
            spec["clusterIPs"] = ips.DeepClone();
    }

    private static bool IsService(JsonObject body) => String(body["apiVersion"]) == "v1" && String(body["kind"]) == "Service";

    private static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
