using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weft.Api.Analysis.Support;

/// <summary>
/// A text that is equal for two configuration values exactly when they mean the same thing: JSON
/// with sorted keys, and with absent, empty, false and zero fields left out (as protobuf's Go JSON
/// leaves them out, so <c>port: 0</c> and no port compare equal, as in Istio).
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Of<T>(T value)
    {
        var sb = new StringBuilder();
        Write(sb, JsonSerializer.SerializeToNode(value, Options));
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (IsEmpty(v))
                        continue;
                    if (!first)
                        sb.Append(',');
                    first = false;
                    sb.Append(JsonSerializer.Serialize(k)).Append(':');
                    Write(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            default:
                sb.Append(node?.ToJsonString() ?? "null");
                break;
        }
    }

    private static bool IsEmpty(JsonNode? v) => v switch
    {
        null => true,
        JsonArray a => a.Count == 0,
        JsonObject o => o.All(p => IsEmpty(p.Value)),
        JsonValue s when s.GetValueKind() == JsonValueKind.False => true,
        JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>().Length == 0,
        JsonValue s when s.GetValueKind() == JsonValueKind.Number => s.ToJsonString() is "0" or "0.0",
        _ => false,
    };
}
