using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>
/// Reads a plain (kind-less) mesh document: one YAML or JSON document, proto names rewritten to
/// JSON names, bound to its type with the position of every field kept for later errors.
/// </summary>
internal sealed class MeshDocument<T> where T : class, new()
{
    private MeshDocument(string source, string origin, int lineOffset, int columnOffset)
    {
        Source = source;
        Origin = origin;
        LineOffset = lineOffset;
        ColumnOffset = columnOffset;
    }

    public string Source { get; }

    /// <summary>What the document is, for messages: "MeshConfig", or where in a ConfigMap it was found.</summary>
    public string Origin { get; }

    /// <summary>Lines before the document's first line in its file (for a document embedded in a ConfigMap).</summary>
    public int LineOffset { get; }

    /// <summary>Columns before the document's lines (the indentation of an embedding block scalar).</summary>
    public int ColumnOffset { get; }

    public T? Value { get; private set; }

    public SourceMap Map { get; private set; } = new();

    public List<Diagnostic> Errors { get; } = [];

    public static MeshDocument<T> Read(string text, string source, string origin, int lineOffset = 0, int columnOffset = 0)
    {
        var doc = new MeshDocument<T>(source, origin, lineOffset, columnOffset);
        var (documents, readErrors) = DocumentReader.Read(text, source);
        foreach (var e in readErrors)
            doc.Errors.Add(new Diagnostic(source, 0, doc.Shift(e.At), origin, new FieldError("", FieldErrorKind.Invalid, e.Message)));
        if (readErrors.Count > 0)
            return doc;
        if (documents.Count == 0)
        {
            // An empty document sets nothing: every setting keeps its default, as in Istio.
            doc.Value = new T();
            return doc;
        }
        if (documents.Count > 1)
        {
            doc.Errors.Add(new Diagnostic(source, 0, doc.Shift(documents[1].Start), origin,
                new FieldError("", FieldErrorKind.Invalid, $"a {typeof(T).Name} is a single document; found {documents.Count}")));
            return doc;
        }
        var root = documents[0].Root!;
        if (root is not MapNode)
        {
            doc.Errors.Add(new Diagnostic(source, 0, doc.Shift(root.Start), origin,
                FieldError.Schema("", $"a {typeof(T).Name} must be an object, not {root.TypeName}")));
            return doc;
        }
        var nameErrors = new List<FieldError>();
        var normalized = ProtoJsonNames.Normalize(root, Shapes.For(typeof(T)), "", nameErrors);
        var ctx = new BindContext();
        var value = Binder.Bind<T>(normalized, ctx);
        doc.Map = ctx.Map;
        foreach (var e in nameErrors.Concat(ctx.Errors))
            doc.Errors.Add(doc.Locate(e));
        if (doc.Errors.Count == 0)
            doc.Value = value;
        return doc;
    }

    /// <summary>Places an error of the document at the line of its field (or of its nearest written ancestor).</summary>
    public Diagnostic Locate(FieldError error) => new(Source, 0, Shift(Map.Find(error.Path)), Origin, error);

    private Mark Shift(Mark m) => m.IsKnown ? new Mark(m.Line + LineOffset, m.Column + ColumnOffset) : m;
}
