using System.Globalization;
using System.Text.Json.Nodes;
using Weft.ControlPlane.Translation.Gateways;

namespace Weft.ControlPlane.GatewayApi;

/// <summary>
/// The Gateway API status of one object as JSON, as the specification shapes it. Conditions keep
/// their <c>lastTransitionTime</c> while their status, reason, message and observedGeneration
/// stay the same, so writing the same status twice changes nothing in the store.
/// </summary>
public static class GatewayStatusDocument
{
    public static JsonObject Class(ClassStatus s, JsonObject? current, DateTimeOffset now) => new()
    {
        ["conditions"] = Conditions(s.Conditions, s.Generation, current?["conditions"] as JsonArray, now),
    };

    public static JsonObject Gateway(GatewayStatus s, JsonObject? current, DateTimeOffset now)
    {
        var listeners = new JsonArray();
        var currentListeners = current?["listeners"] as JsonArray;
        foreach (var l in s.Listeners)
        {
            var before = currentListeners?.OfType<JsonObject>().FirstOrDefault(x => x["name"]?.GetValue<string>() == l.Name);
            var kinds = new JsonArray();
            foreach (var k in l.SupportedKinds)
                kinds.Add(new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = k });
            listeners.Add(new JsonObject
            {
                ["name"] = l.Name,
                ["supportedKinds"] = kinds,
                ["attachedRoutes"] = l.AttachedRoutes,
                ["conditions"] = Conditions(l.Conditions, s.Generation, before?["conditions"] as JsonArray, now),
            });
        }
        var status = new JsonObject();
        if (s.Addresses.Length > 0)
        {
            var addresses = new JsonArray();
            foreach (var a in s.Addresses)
                addresses.Add(new JsonObject { ["type"] = "IPAddress", ["value"] = a });
            status["addresses"] = addresses;
        }
        status["conditions"] = Conditions(s.Conditions, s.Generation, current?["conditions"] as JsonArray, now);
        status["listeners"] = listeners;
        return status;
    }

    /// <summary>Route status: ours per parentRef, and what other controllers wrote kept as it is.</summary>
    public static JsonObject Route(RouteStatus s, JsonObject? current, DateTimeOffset now)
    {
        var parents = new JsonArray();
        var before = (current?["parents"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        foreach (var other in before.Where(p => p["controllerName"]?.GetValue<string>() != GatewayApiStatus.ControllerName))
            parents.Add(other.DeepClone());
        foreach (var p in s.Parents)
        {
            var parentRef = new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = "Gateway", ["name"] = p.ParentName };
            if (p.ParentNamespace is { } ns)
                parentRef["namespace"] = ns;
            if (p.SectionName is { } section)
                parentRef["sectionName"] = section;
            if (p.Port is { } port)
                parentRef["port"] = port;
            var old = before.FirstOrDefault(x => x["controllerName"]?.GetValue<string>() == GatewayApiStatus.ControllerName && JsonNode.DeepEquals(x["parentRef"], parentRef));
            parents.Add(new JsonObject
            {
                ["parentRef"] = parentRef,
                ["controllerName"] = GatewayApiStatus.ControllerName,
                ["conditions"] = Conditions(p.Conditions, s.Generation, old?["conditions"] as JsonArray, now),
            });
        }
        return new JsonObject { ["parents"] = parents };
    }

    private static JsonArray Conditions(IEnumerable<GatewayCondition> conditions, long generation, JsonArray? current, DateTimeOffset now)
    {
        var result = new JsonArray();
        foreach (var c in conditions)
        {
            var status = c.Status ? "True" : "False";
            var old = current?.OfType<JsonObject>().FirstOrDefault(x => x["type"]?.GetValue<string>() == c.Type);
            var same = old is not null && old["status"]?.GetValue<string>() == status && old["reason"]?.GetValue<string>() == c.Reason
                && old["message"]?.GetValue<string>() == c.Message && old["observedGeneration"]?.GetValue<long>() == generation;
            result.Add(new JsonObject
            {
                ["type"] = c.Type,
                ["status"] = status,
                ["reason"] = c.Reason,
                ["message"] = c.Message,
                ["observedGeneration"] = generation,
                ["lastTransitionTime"] = same ? old!["lastTransitionTime"]?.DeepClone() : now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            });
        }
        return result;
    }
}
