using System.Text.Json.Nodes;

namespace Weft.ControlPlane.Resources;

public enum ApplyAction
{
    /// <summary>The object did not exist and was created.</summary>
    Created,
    /// <summary>The object existed and its content, labels or annotations were replaced.</summary>
    Configured,
    /// <summary>The object already was as applied; nothing was written.</summary>
    Unchanged,
}

/// <summary>What the batch apply did with one item.</summary>
public sealed record ApplyItemResult(string ApiVersion, string Kind, string Namespace, string Name, ApplyAction Action, string ResourceVersion);

/// <summary>What the batch apply did: one result per item, in request order, and the revision it committed at.</summary>
public sealed record ApplyResult(IReadOnlyList<ApplyItemResult> Items, long Revision, bool DryRun)
{
    public JsonObject ToJson()
    {
        var items = new JsonArray();
        foreach (var i in Items)
        {
            items.Add(new JsonObject
            {
                ["apiVersion"] = i.ApiVersion,
                ["kind"] = i.Kind,
                ["namespace"] = i.Namespace,
                ["name"] = i.Name,
                ["action"] = i.Action switch
                {
                    ApplyAction.Created => "created",
                    ApplyAction.Configured => "configured",
                    _ => "unchanged",
                },
                ["resourceVersion"] = i.ResourceVersion,
            });
        }
        return new JsonObject { ["apiVersion"] = "weft.io/v1", ["kind"] = "ApplyResult", ["items"] = items };
    }
}
