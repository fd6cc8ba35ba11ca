using System.Globalization;
using Weft.Api.Documents;
using Weft.Api.Model;
using Weft.Api.Validation;

namespace Weft.Api.Binding;

internal sealed class StringShape : ValueShape
{
    public static readonly StringShape Instance = new();

    public override string SchemaType => "string";

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.String } s)
            return s.Value;
        ctx.Error(Mismatch(path, node, SchemaType));
        return null;
    }

    public override Node Write(object value) => ScalarNode.String((string)value);

    internal static FieldError Mismatch(string path, Node node, string expected)
    {
        var error = FieldError.WrongType(path, expected, node.TypeName);
        // Point at the usual YAML trap: an unquoted 1.0, true or 8080 where text was meant.
        if (expected == "string" && node is ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float or ScalarKind.Boolean } s)
            return error with { Reason = error.Reason + $" (quote it: \"{s.Value}\")" };
        return error;
    }
}

internal sealed class BoolShape : ValueShape
{
    public static readonly BoolShape Instance = new();

    public override string SchemaType => "boolean";

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.Boolean } s)
            return s.Value is "true" or "True" or "TRUE";
        ctx.Error(StringShape.Mismatch(path, node, SchemaType));
        return null;
    }

    public override Node Write(object value) => ScalarNode.Bool((bool)value);
}

/// <summary>Integers of every width, range-checked.</summary>
internal sealed class IntegerShape(Type type, decimal min, decimal max) : ValueShape
{
    public override string SchemaType => "integer";

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is not ScalarNode { Kind: ScalarKind.Integer } s)
        {
            ctx.Error(StringShape.Mismatch(path, node, SchemaType));
            return null;
        }
        decimal value;
        if (NodeWriter.TryParseInteger(s.Value, out var l))
            value = l;
        else if (!decimal.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            ctx.Error(FieldError.Invalid(path, s.Value, "not an integer"));
            return null;
        }
        if (value < min || value > max)
        {
            ctx.Error(FieldError.Invalid(path, value, $"must be between {min} and {max}"));
            return null;
        }
        return Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }

    public override Node Write(object value) =>
        new ScalarNode(Convert.ToString(value, CultureInfo.InvariantCulture)!, ScalarKind.Integer);
}

internal sealed class FloatShape(Type type) : ValueShape
{
    public override string SchemaType => "number";

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } s)
        {
            var text = s.Value;
            double d;
            if (NodeWriter.TryParseInteger(text, out var l))
                d = l;
            else if (text is ".inf" or ".Inf" or ".INF" or "+.inf")
                d = double.PositiveInfinity;
            else if (text is "-.inf" or "-.Inf" or "-.INF")
                d = double.NegativeInfinity;
            else if (text is ".nan" or ".NaN" or ".NAN")
                d = double.NaN;
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out d))
            {
                ctx.Error(FieldError.Invalid(path, text, "not a number"));
                return null;
            }
            return type == typeof(float) ? (float)d : d;
        }
        ctx.Error(StringShape.Mismatch(path, node, SchemaType));
        return null;
    }

    public override Node Write(object value)
    {
        var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        // Whole numbers are written without a fraction so that they read back as they were written.
        return d == Math.Floor(d) && Math.Abs(d) < 1e15
            ? new ScalarNode(((long)d).ToString(CultureInfo.InvariantCulture), ScalarKind.Integer)
            : ScalarNode.Number(d);
    }
}

internal sealed class DurationShape : ValueShape
{
    public static readonly DurationShape Instance = new();

    public override string SchemaType => "string";

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is ScalarNode { Kind: ScalarKind.String } s)
            return new Duration(s.Value);
        ctx.Error(StringShape.Mismatch(path, node, SchemaType));
        return null;
    }

    public override Node Write(object value) => ScalarNode.String(((Duration)value).Text);
}

internal sealed class IntOrStringShape : ValueShape
{
    public static readonly IntOrStringShape Instance = new();

    public override string SchemaType => "integer or string";

    public override object? Read(Node node, BindContext ctx, string path)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.String } s:
                return new IntOrString(s.Value);
            case ScalarNode { Kind: ScalarKind.Integer } s when int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                return new IntOrString(i);
            default:
                ctx.Error(StringShape.Mismatch(path, node, SchemaType));
                return null;
        }
    }

    public override Node Write(object value)
    {
        var v = (IntOrString)value;
        return v.IsInt ? ScalarNode.Integer(v.IntValue) : ScalarNode.String(v.StringValue ?? "");
    }
}

internal sealed class FreeFormShape : ValueShape
{
    public static readonly FreeFormShape Instance = new();

    public override string SchemaType => "object";

    public override bool AcceptsNull => true;

    public override object? Read(Node node, BindContext ctx, string path)
    {
        RecordAll(node, ctx, path);
        return new FreeForm(node);
    }

    public override Node Write(object value) => ((FreeForm)value).Node;

    // Positions inside free-form values are kept too, so analyzers can point into them.
    private static void RecordAll(Node node, BindContext ctx, string path)
    {
        ctx.Record(path, node);
        switch (node)
        {
            case MapNode m:
                foreach (var e in m.Entries)
                    RecordAll(e.Value, ctx, FieldPath.Child(path, e.Key.Value));
                break;
            case SeqNode s:
                for (var i = 0; i < s.Items.Count; i++)
                    RecordAll(s.Items[i], ctx, FieldPath.Index(path, i));
                break;
        }
    }
}

internal sealed class EnumShape : ValueShape
{
    private readonly Dictionary<string, object> _byWire = new(StringComparer.Ordinal);
    private readonly Dictionary<object, string> _toWire = [];

    public EnumShape(Type type)
    {
        var wireCase = type.GetCustomAttributes(typeof(WireCaseAttribute), false) is [WireCaseAttribute a, ..] ? a.Case : WireCase.AsIs;
        foreach (var f in type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        {
            var wire = f.GetCustomAttributes(typeof(WireAttribute), false) is [WireAttribute w, ..] ? w.Name
                : wireCase == WireCase.UpperSnake ? Naming.ToUpperSnake(f.Name) : f.Name;
            var value = f.GetValue(null)!;
            _byWire[wire] = value;
            _toWire[value] = wire;
        }
    }

    public override string SchemaType => "string";

    public override IReadOnlyCollection<string> Names => _byWire.Keys;

    public override object? Read(Node node, BindContext ctx, string path)
    {
        if (node is not ScalarNode { Kind: ScalarKind.String } s)
        {
            ctx.Error(StringShape.Mismatch(path, node, SchemaType));
            return null;
        }
        if (_byWire.TryGetValue(s.Value, out var v))
            return v;
        var error = FieldError.NotSupported(path, s.Value, _byWire.Keys);
        var guess = Suggest.Closest(s.Value, _byWire.Keys);
        ctx.Error(guess is null ? error : error with { Reason = error.Reason + $" (did you mean \"{guess}\"?)" });
        return null;
    }

    public override Node Write(object value) => ScalarNode.String(_toWire[value]);

    public string WireName(object value) => _toWire[value];
}
