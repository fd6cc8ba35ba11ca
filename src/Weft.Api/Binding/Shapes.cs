using System.Collections.Concurrent;
using Weft.Api.Documents;
using Weft.Api.Model;

namespace Weft.Api.Binding;

/// <summary>The shape of every bindable CLR type, built on first use and cached for the process.</summary>
public static class Shapes
{
    // A memo of immutable, reflection-derived descriptions; safe to share across threads.
    private static readonly ConcurrentDictionary<Type, ValueShape> Cache = new();

    public static ValueShape For(Type type) => Cache.GetOrAdd(type, Create);

    public static ObjectShape ForObject(Type type) =>
        For(type) as ObjectShape ?? throw new ArgumentException($"{type.Name} is not an object type", nameof(type));

    private static ValueShape Create(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
            return StringShape.Instance;
        if (t == typeof(bool))
            return BoolShape.Instance;
        if (t == typeof(int))
            return new IntegerShape(t, int.MinValue, int.MaxValue);
        if (t == typeof(uint))
            return new IntegerShape(t, uint.MinValue, uint.MaxValue);
        if (t == typeof(long))
            return new IntegerShape(t, long.MinValue, long.MaxValue);
        if (t == typeof(ulong))
            return new IntegerShape(t, ulong.MinValue, ulong.MaxValue);
        if (t == typeof(double) || t == typeof(float))
            return new FloatShape(t);
        if (t == typeof(Duration))
            return DurationShape.Instance;
        if (t == typeof(IntOrString))
            return IntOrStringShape.Instance;
        if (t == typeof(FreeForm))
            return FreeFormShape.Instance;
        if (t.IsEnum)
            return new EnumShape(t);
        if (t.IsArray)
            return new ListShape(t.GetElementType()!, For(t.GetElementType()!));
        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            var args = t.GetGenericArguments();
            if (def == typeof(IReadOnlyList<>) || def == typeof(IList<>) || def == typeof(List<>)
                || def == typeof(IEnumerable<>) || def == typeof(IReadOnlyCollection<>))
                return new ListShape(args[0], For(args[0]));
            if ((def == typeof(IReadOnlyDictionary<,>) || def == typeof(IDictionary<,>) || def == typeof(Dictionary<,>))
                && args[0] == typeof(string))
                return new MapShape(args[1], For(args[1]));
        }
        if (t.IsAbstract || t.IsInterface || t.GetConstructor(Type.EmptyTypes) is null)
            throw new NotSupportedException($"{t.FullName} cannot be bound: it needs a public parameterless constructor");
        return new ObjectShape(t);
    }
}

/// <summary>Reads typed objects from nodes and writes them back.</summary>
public static class Binder
{
    /// <summary>Binds a node to a type, collecting every error and the source position of every field.</summary>
    public static T? Bind<T>(Node node, BindContext ctx, string path = "") where T : class =>
        (T?)Bind(node, typeof(T), ctx, path);

    public static object? Bind(Node node, Type type, BindContext ctx, string path = "")
    {
        ctx.Record(path, node);
        return Shapes.For(type).Read(node, ctx, path);
    }

    public static Node Write(object value) => Shapes.For(value.GetType()).Write(value);

    /// <summary>Canonical JSON (declared field order, no insignificant whitespace): equal values give equal text.</summary>
    public static string CanonicalJson(object value) => NodeWriter.ToJson(Write(value), indented: false);
}
