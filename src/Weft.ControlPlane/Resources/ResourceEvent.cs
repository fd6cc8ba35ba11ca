using System.Text.Json.Nodes;

namespace Weft.ControlPlane.Resources;

/// <summary>One Kubernetes watch event: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, and its object.</summary>
public sealed record ResourceEvent(string Type, JsonObject Object)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";

    public JsonObject ToJson() => new() { ["type"] = Type, ["object"] = Object };
}
