using System.Text.Json;

namespace Weft.Api.Documents;

/// <summary>Builds nodes from System.Text.Json values (used where JSON arrives without line numbers).</summary>
public static class NodeJson
{
    public static Node FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => FromObject(e),
        JsonValueKind.Array => new SeqNode(e.EnumerateArray().Select(FromElement).ToList()),
        JsonValueKind.String => ScalarNode.String(e.GetString()!),
        JsonValueKind.Number => new ScalarNode(e.GetRawText(), IsInteger(e.GetRawText()) ? ScalarKind.Integer : ScalarKind.Float),
        JsonValueKind.True => ScalarNode.Bool(true),
        JsonValueKind.False => ScalarNode.Bool(false),
        _ => ScalarNode.Null(),
    };

    private static MapNode FromObject(JsonElement e)
    {
        var list = new List<KeyValuePair<ScalarNode, Node>>();
        foreach (var p in e.EnumerateObject())
            list.Add(new(ScalarNode.String(p.Name), FromElement(p.Value)));
        return new MapNode(list);
    }

    private static bool IsInteger(string raw)
    {
        foreach (var c in raw)
            if (c is '.' or 'e' or 'E')
                return false;
        return true;
    }
}
