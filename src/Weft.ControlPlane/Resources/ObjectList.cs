using System.Text.Json.Nodes;

namespace Weft.ControlPlane.Resources;

/// <summary>A list response: the items and the revision they were read at (a watch continues from it).</summary>
public sealed record ObjectList(string ApiVersion, string Kind, long Revision, IReadOnlyList<JsonObject> Items)
{
    /// <summary><c>{"apiVersion","kind":"XList","metadata":{"resourceVersion"},"items":[...]}</c>.</summary>
    public JsonObject ToJson()
    {
        var items = new JsonArray();
        foreach (var item in Items)
            items.Add(item);
        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = new JsonObject { ["resourceVersion"] = Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
    }
}
