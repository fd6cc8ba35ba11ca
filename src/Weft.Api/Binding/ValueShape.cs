using Weft.Api.Documents;

namespace Weft.Api.Binding;

/// <summary>
/// How one CLR type is read from and written to nodes. Shapes are built once per type by
/// reflection and cached; binding is not on any hot path (it runs on apply and on load).
/// </summary>
public abstract class ValueShape
{
    /// <summary>The OpenAPI type name used in errors: string, integer, number, boolean, object, array.</summary>
    public abstract string SchemaType { get; }

    /// <summary>Whether an explicit null is accepted (and means "unset") for values of this shape.</summary>
    public virtual bool AcceptsNull => false;

    /// <summary>Reads a value; reports errors to the context and returns null when the node cannot be read.</summary>
    public abstract object? Read(Node node, BindContext ctx, string path);

    public abstract Node Write(object value);

    /// <summary>The full list of wire names, for shapes that have them (objects, enums).</summary>
    public virtual IReadOnlyCollection<string> Names => [];
}
