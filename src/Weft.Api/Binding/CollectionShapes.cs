using Weft.Api.Documents;
using Weft.Api.Validation;

namespace Weft.Api.Binding;

/// <summary>A list, read into an array (exposed as IReadOnlyList).</summary>
internal sealed class ListShape(Type elementType, ValueShape element) : ValueShape
{
    public override string SchemaType => "array";

    public ValueShape Element => element;

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is not SeqNode seq)
        {
            ctx.Error(StringShape.Mismatch(path, node, SchemaType));
            return null;
        }
        var array = Array.CreateInstance(elementType, seq.Items.Count);
        var ok = true;
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var itemPath = FieldPath.Index(path, i);
            var item = seq.Items[i];
            ctx.Record(itemPath, item);
            if (item.IsNull && !element.AcceptsNull)
            {
                ctx.Error(FieldError.WrongType(itemPath, element.SchemaType, "null"));
                ok = false;
                continue;
            }
            var v = element.Read(item, ctx, itemPath);
            if (v is null)
                ok = false;
            else
                array.SetValue(v, i);
        }
        return ok ? array : null;
    }

    public override Node Write(object value)
    {
        var items = new List<Node>();
        foreach (var item in (System.Collections.IEnumerable)value)
            items.Add(item is null ? ScalarNode.Null() : element.Write(item));
        return new SeqNode(items);
    }
}

/// <summary>A string-keyed map, read into a Dictionary that keeps the written order.</summary>
internal sealed class MapShape(Type valueType, ValueShape value) : ValueShape
{
    public override string SchemaType => "object";

    public ValueShape Value => value;

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is not MapNode map)
        {
            ctx.Error(StringShape.Mismatch(path, node, SchemaType));
            return null;
        }
        var dict = (System.Collections.IDictionary)Activator.CreateInstance(
            typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
        var ok = true;
        foreach (var e in map.Entries)
        {
            var entryPath = FieldPath.Key(path, e.Key.Value);
            ctx.Record(entryPath, e.Value);
            if (e.Value.IsNull && !value.AcceptsNull)
            {
                ctx.Error(FieldError.WrongType(entryPath, value.SchemaType, "null"));
                ok = false;
                continue;
            }
            var v = value.Read(e.Value, ctx, entryPath);
            if (v is null)
                ok = false;
            else
                dict[e.Key.Value] = v;
        }
        return ok ? dict : null;
    }

    public override Node Write(object v)
    {
        var entries = new List<KeyValuePair<ScalarNode, Node>>();
        foreach (System.Collections.DictionaryEntry e in (System.Collections.IDictionary)v)
            entries.Add(new(ScalarNode.String((string)e.Key), e.Value is null ? ScalarNode.Null() : value.Write(e.Value)));
        return new MapNode(entries);
    }
}
