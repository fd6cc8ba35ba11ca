using System.Text;
using System.Text.RegularExpressions;
using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>
/// MeshConfig and MeshNetworks are read by Istio with protobuf's JSON rules, which the binder (made
/// for Kubernetes objects) does not follow: a field may be spelled by its proto name
/// (<c>registry_service_name</c>) as well as its JSON name (<c>registryServiceName</c>), and a
/// Duration must be written in seconds (<c>10s</c>, <c>0.5s</c>; <c>1m</c> is refused). This pass
/// rewrites proto names to JSON names, guided by the target's shape, and reports durations that
/// protobuf would refuse, before the document is bound.
/// </summary>
internal static partial class ProtoJsonNames
{
    public static Node Normalize(Node node, ValueShape shape, string path, List<FieldError> errors)
    {
        switch (shape)
        {
            case ObjectShape obj when node is MapNode map:
                return NormalizeObject(map, obj, path, errors);
            case MapShape m when node is MapNode map:
            {
                var entries = new List<KeyValuePair<ScalarNode, Node>>(map.Entries.Count);
                foreach (var e in map.Entries)
                    entries.Add(new(e.Key, Normalize(e.Value, m.Value, FieldPath.Key(path, e.Key.Value), errors)));
                return new MapNode(entries, map.Start);
            }
            case ListShape l when node is SeqNode seq:
            {
                var items = new List<Node>(seq.Items.Count);
                for (var i = 0; i < seq.Items.Count; i++)
                    items.Add(Normalize(seq.Items[i], l.Element, FieldPath.Index(path, i), errors));
                return new SeqNode(items, seq.Start);
            }
            case DurationShape when node is ScalarNode { Kind: ScalarKind.String } s && !ProtoDuration().IsMatch(s.Value):
                errors.Add(FieldError.Invalid(path, s.Value, "a protobuf duration is written in seconds with an \"s\" suffix, such as \"10s\" or \"0.5s\""));
                return node;
            default:
                return node;
        }
    }

    private static MapNode NormalizeObject(MapNode map, ObjectShape obj, string path, List<FieldError> errors)
    {
        var entries = new List<KeyValuePair<ScalarNode, Node>>(map.Entries.Count);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in map.Entries)
        {
            var key = e.Key.Value;
            if (!obj.ByWire.ContainsKey(key) && key.Contains('_', StringComparison.Ordinal) && obj.ByWire.ContainsKey(JsonName(key)))
                key = JsonName(key);
            if (written.TryGetValue(key, out var first))
            {
                // protojson refuses a field given twice, under either spelling.
                errors.Add(FieldError.Duplicate(FieldPath.Child(path, e.Key.Value), e.Key.Value) with
                {
                    Reason = $"Duplicate value: \"{e.Key.Value}\": the same field as \"{first}\"",
                });
                continue;
            }
            written[key] = e.Key.Value;
            var value = obj.ByWire.TryGetValue(key, out var field) ? Normalize(e.Value, field.Shape, FieldPath.Child(path, key), errors) : e.Value;
            entries.Add(new(key == e.Key.Value ? e.Key : new ScalarNode(key, ScalarKind.String, e.Key.Start), value));
        }
        return new MapNode(entries, map.Start);
    }

    /// <summary>protoc's JSON name: underscores dropped, the letter after each upper-cased (<c>mesh_mTLS</c> is <c>meshMTLS</c>).</summary>
    public static string JsonName(string protoName)
    {
        var sb = new StringBuilder(protoName.Length);
        var upper = false;
        foreach (var c in protoName)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }

    // google.protobuf.Duration in JSON: optional sign, seconds with up to nine fractional digits, then "s".
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]{1,9})?s$", RegexOptions.CultureInvariant)]
    private static partial Regex ProtoDuration();
}
