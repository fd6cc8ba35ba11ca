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

/// <summary>Events delivered together, and the revision the watch has seen everything up to.</summary>
/// <param name="Events">The events, in revision order (empty when only other objects changed).</param>
/// <param name="Revision">Everything up to this revision has been delivered: a bookmark may name it.</param>
/// <param name="InitialState">This batch is the synthetic ADDED events of the state the watch started from.</param>
public sealed record WatchBatch(IReadOnlyList<ResourceEvent> Events, long Revision, bool InitialState);
