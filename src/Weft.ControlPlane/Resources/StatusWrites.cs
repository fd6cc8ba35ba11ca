using System.Text.Json.Nodes;
using Weft.Api.Documents;
using Weft.Api.Model.Meta;
using Weft.ControlPlane.Config;

namespace Weft.ControlPlane.Resources;

/// <summary>
/// What weftd's status writers (analysis, Gateway API status, ServiceEntry addresses) share: an
/// object's status as it is stored, and a replacement of it through /status that gives way when the
/// object was deleted or changed meanwhile (the writer's next run sees the new state).
/// </summary>
public static class StatusWrites
{
    /// <summary>The object's stored status as JSON (empty when it has none).</summary>
    public static JsonObject Current(StoredConfig o) =>
        o.Object is IHasStatus { Status: { } status } && JsonNode.Parse(NodeWriter.ToJson(status.Node, indented: false)) is JsonObject j
            ? j : new JsonObject();

    /// <summary>Replaces the object's status with <paramref name="status"/>; false when the store refused (deleted or changed meanwhile).</summary>
    public static async Task<bool> TryPutAsync(ResourceService resources, StoredConfig o, JsonObject status, CancellationToken ct)
    {
        // The revision the writer read: a status changed since (the workload supervisor's Healthy
        // condition, say) is refused rather than overwritten with the stale one this was built from.
        var metadata = new JsonObject { ["name"] = o.Object.Name, ["resourceVersion"] = o.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (o.Object.Namespace.Length > 0)
            metadata["namespace"] = o.Object.Namespace;
        var body = new JsonObject
        {
            ["apiVersion"] = o.Object.ApiVersion,
            ["kind"] = o.Object.Kind,
            ["metadata"] = metadata,
            ["status"] = status,
        };
        try
        {
            await resources.UpdateStatusAsync(ResourceType.Of(o.Kind), o.Object.Namespace, o.Object.Name, body, ct);
            return true;
        }
        catch (ApiException)
        {
            return false;
        }
    }
}
