using System.Collections.Frozen;
using System.Reflection;
using Weft.Api.Documents;
using Weft.Api.Model;
using Weft.Api.Validation;

namespace Weft.Api.Binding;

/// <summary>One declared field of an object shape.</summary>
public sealed class FieldShape
{
    internal FieldShape(string wireName, PropertyInfo property, Func<ValueShape> shape)
    {
        WireName = wireName;
        Property = property;
        _shape = new Lazy<ValueShape>(shape);
    }

    private readonly Lazy<ValueShape> _shape;

    public string WireName { get; }

    public PropertyInfo Property { get; }

    public ValueShape Shape => _shape.Value;
}

/// <summary>
/// A class read from a mapping. Unknown keys are errors that name the closest known field, as
/// kubectl's strict validation does; every error is reported, not the first.
/// </summary>
public sealed class ObjectShape : ValueShape
{
    private readonly Type _type;
    private readonly bool _nullsAreAbsent;
    private readonly PropertyInfo? _extension;

    internal ObjectShape(Type type)
    {
        _type = type;
        _nullsAreAbsent = type.GetCustomAttribute<WireNullsAreAbsentAttribute>() is not null;
        var fields = new List<FieldShape>();
        foreach (var p in PropertiesBaseFirst(type))
        {
            if (p.GetCustomAttribute<WireExtensionDataAttribute>() is not null)
            {
                _extension = p;
                continue;
            }
            if (p.SetMethod is null || p.GetIndexParameters().Length > 0)
                continue;
            var wire = p.GetCustomAttribute<WireAttribute>()?.Name ?? Naming.ToCamel(p.Name);
            var propertyType = p.PropertyType;
            fields.Add(new FieldShape(wire, p, () => Shapes.For(propertyType)));
        }
        Fields = fields;
        ByWire = fields.ToFrozenDictionary(f => f.WireName, StringComparer.Ordinal);
    }

    public IReadOnlyList<FieldShape> Fields { get; }

    public FrozenDictionary<string, FieldShape> ByWire { get; }

    public Type Type => _type;

    public override string SchemaType => "object";

    public override IReadOnlyCollection<string> Names => ByWire.Keys;

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is not MapNode map)
        {
            ctx.Error(StringShape.Mismatch(path, node, SchemaType));
            return null;
        }
        var target = Activator.CreateInstance(_type)!;
        Dictionary<string, FreeForm>? extra = null;
        foreach (var e in map.Entries)
        {
            var key = e.Key.Value;
            var fieldPath = FieldPath.Child(path, key);
            if (!ByWire.TryGetValue(key, out var field))
            {
                if (_extension is not null)
                {
                    extra ??= new Dictionary<string, FreeForm>(StringComparer.Ordinal);
                    extra[key] = (FreeForm)FreeFormShape.Instance.Read(e.Value, ctx, fieldPath)!;
                    continue;
                }
                // An unknown field is pointed at by its key: that is what was mistyped.
                ctx.Map.Add(fieldPath, e.Key.Start);
                ctx.Error(FieldError.UnknownField(fieldPath, key, Suggest.Closest(key, ByWire.Keys)));
                continue;
            }
            ctx.Record(fieldPath, e.Value);
            if (e.Value.IsNull && !field.Shape.AcceptsNull)
            {
                if (!_nullsAreAbsent)
                    ctx.Error(FieldError.WrongType(fieldPath, field.Shape.SchemaType, "null"));
                continue;
            }
            var value = field.Shape.Read(e.Value, ctx, fieldPath);
            if (value is not null)
                field.Property.SetValue(target, value);
        }
        if (extra is not null)
            _extension!.SetValue(target, extra);
        return target;
    }

    public override Node Write(object value)
    {
        var entries = new List<KeyValuePair<ScalarNode, Node>>(Fields.Count);
        foreach (var f in Fields)
        {
            var v = f.Property.GetValue(value);
            if (v is null)
                continue;
            entries.Add(new(ScalarNode.String(f.WireName), f.Shape.Write(v)));
        }
        if (_extension?.GetValue(value) is IReadOnlyDictionary<string, FreeForm> extra)
            foreach (var (k, v) in extra)
                entries.Add(new(ScalarNode.String(k), v.Node));
        return new MapNode(entries);
    }

    // Base class fields first (apiVersion, kind, metadata before spec), each class in declaration order.
    private static IEnumerable<PropertyInfo> PropertiesBaseFirst(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            chain.Push(t);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in chain)
        {
            var declared = t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .OrderBy(p => p.MetadataToken);
            foreach (var p in declared)
            {
                // The compiler's EqualityContract and other non-public plumbing are skipped by the public filter.
                if (seen.Add(p.Name))
                    yield return type.GetProperty(p.Name, BindingFlags.Public | BindingFlags.Instance) ?? p;
            }
        }
    }
}
