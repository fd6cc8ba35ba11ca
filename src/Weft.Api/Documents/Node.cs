namespace Weft.Api.Documents;

/// <summary>
/// A parsed YAML or JSON value with the position it came from. The config layer binds typed
/// objects from these nodes, so every error can point at the line that caused it.
/// Nodes are immutable once built.
/// </summary>
public abstract class Node
{
    protected Node(Mark start) => Start = start;

    /// <summary>Where the value starts in its source; <see cref="Mark.None"/> for nodes built in code.</summary>
    public Mark Start { get; }

    /// <summary>The JSON type name of this value (object, array, string, integer, number, boolean, null).</summary>
    public abstract string TypeName { get; }

    public bool IsNull => this is ScalarNode { Kind: ScalarKind.Null };
}

/// <summary>A mapping with its keys in source order.</summary>
public sealed class MapNode : Node
{
    public MapNode(IReadOnlyList<KeyValuePair<ScalarNode, Node>> entries, Mark start = default)
        : base(start) => Entries = entries;

    public IReadOnlyList<KeyValuePair<ScalarNode, Node>> Entries { get; }

    public override string TypeName => "object";

    public Node? this[string key]
    {
        get
        {
            foreach (var e in Entries)
                if (e.Key.Value == key)
                    return e.Value;
            return null;
        }
    }

    public bool TryGet(string key, out Node value)
    {
        foreach (var e in Entries)
        {
            if (e.Key.Value == key)
            {
                value = e.Value;
                return true;
            }
        }
        value = null!;
        return false;
    }

    /// <summary>The string value of a key, when it is a non-null scalar.</summary>
    public string? GetString(string key) => this[key] is ScalarNode { Kind: not ScalarKind.Null } s ? s.Value : null;

    public MapNode? GetMap(string key) => this[key] as MapNode;

    public static MapNode Of(params (string Key, Node Value)[] entries)
    {
        var list = new List<KeyValuePair<ScalarNode, Node>>(entries.Length);
        foreach (var (k, v) in entries)
            list.Add(new(ScalarNode.String(k), v));
        return new MapNode(list);
    }

    /// <summary>A copy with one key set (replaced in place when present, appended otherwise).</summary>
    public MapNode With(string key, Node value)
    {
        var list = new List<KeyValuePair<ScalarNode, Node>>(Entries.Count + 1);
        var replaced = false;
        foreach (var e in Entries)
        {
            if (e.Key.Value == key)
            {
                list.Add(new(e.Key, value));
                replaced = true;
            }
            else
            {
                list.Add(e);
            }
        }
        if (!replaced)
            list.Add(new(ScalarNode.String(key), value));
        return new MapNode(list, Start);
    }

    /// <summary>A copy without the given key.</summary>
    public MapNode Without(string key)
    {
        var list = new List<KeyValuePair<ScalarNode, Node>>(Entries.Count);
        foreach (var e in Entries)
            if (e.Key.Value != key)
                list.Add(e);
        return new MapNode(list, Start);
    }
}

/// <summary>A sequence.</summary>
public sealed class SeqNode : Node
{
    public SeqNode(IReadOnlyList<Node> items, Mark start = default) : base(start) => Items = items;

    public IReadOnlyList<Node> Items { get; }

    public override string TypeName => "array";
}

/// <summary>What a scalar resolves to, by YAML 1.2's core schema (quoted scalars are always strings).</summary>
public enum ScalarKind
{
    String,
    Integer,
    Float,
    Boolean,
    Null,
}

/// <summary>A scalar: its text as written and what it resolves to.</summary>
public sealed class ScalarNode : Node
{
    public ScalarNode(string value, ScalarKind kind, Mark start = default) : base(start)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The text as written (for a string, the unquoted content).</summary>
    public string Value { get; }

    public ScalarKind Kind { get; }

    public override string TypeName => Kind switch
    {
        ScalarKind.String => "string",
        ScalarKind.Integer => "integer",
        ScalarKind.Float => "number",
        ScalarKind.Boolean => "boolean",
        _ => "null",
    };

    public static ScalarNode String(string value, Mark start = default) => new(value, ScalarKind.String, start);

    public static ScalarNode Null(Mark start = default) => new("null", ScalarKind.Null, start);

    public static ScalarNode Bool(bool value) => new(value ? "true" : "false", ScalarKind.Boolean);

    public static ScalarNode Integer(long value) =>
        new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Integer);

    public static ScalarNode Number(double value) =>
        new(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Float);

    public override string ToString() => Value;
}
