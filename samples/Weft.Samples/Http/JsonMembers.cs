using System.Text.Json.Nodes;

namespace Weft.Samples.Http;

/// <summary>Reads members of a request's JSON object, adding a message naming the member's path for each bad one.</summary>
public static class JsonMembers
{
    /// <summary>The member as a whole number in [min, max]; absent or null keeps <paramref name="current"/>.</summary>
    public static int Int(JsonObject o, string path, string name, int current, int min, int max, List<string> errors)
    {
        if (!o.TryGetPropertyValue(name, out var node) || node is null)
            return current;
        if (node is JsonValue v && v.TryGetValue<int>(out var value) && value >= min && value <= max)
            return value;
        errors.Add(min == int.MinValue && max == int.MaxValue
            ? $"{path}{name}: {node.ToJsonString()} is not a whole number"
            : $"{path}{name}: {node.ToJsonString()} is not a whole number from {min} to {max}");
        return current;
    }
}
