using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Api.Loading;

/// <summary>
/// Reads manifests (YAML or JSON, one or many documents, <c>List</c> kinds) into typed objects.
/// This is the schema step: shapes, types, unknown fields, known kinds and versions. The
/// semantic rules of each kind run afterwards (<see cref="Validation.Validators"/>).
/// </summary>
public static class ManifestLoader
{
    /// <summary>File extensions read from directories.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".yaml", ".yml", ".json"];

    public static LoadResult Load(string text, string source, KindRegistry? registry = null)
    {
        registry ??= KindRegistry.Default;
        var (documents, readErrors) = DocumentReader.Read(text, source);
        var objects = new List<LoadedObject>();
        var errors = new List<Diagnostic>();
        foreach (var e in readErrors)
            errors.Add(new Diagnostic(e.Source, e.DocumentIndex, e.At, null, new FieldError("", FieldErrorKind.Invalid, e.Message)));
        foreach (var doc in documents)
            LoadDocument(doc, doc.Root!, null, registry, objects, errors);
        return new LoadResult(objects, errors);
    }

    public static LoadResult LoadFile(string path, KindRegistry? registry = null)
    {
        string text;
        try
        {
            text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadResult([], [new Diagnostic(path, 0, Mark.None, null, new FieldError("", FieldErrorKind.Invalid, "cannot read: " + ex.Message))]);
        }
        return Load(text, path, registry);
    }

    /// <summary>Every manifest file of the given paths: files as given, directories by extension (recursively with <paramref name="recursive"/>), in name order.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths, bool recursive)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (p != "-" && Directory.Exists(p))
            {
                var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
                files.AddRange(Directory.EnumerateFiles(p, "*", option)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(p);
            }
        }
        return files;
    }

    private static void LoadDocument(SourceDocument doc, Node root, string? itemPath, KindRegistry registry,
        List<LoadedObject> objects, List<Diagnostic> errors)
    {
        void Fail(Node at, FieldError error) =>
            errors.Add(new Diagnostic(doc.Source, doc.Index, at.Start, null,
                itemPath is null ? error : error with { Path = FieldPath.Child(itemPath, error.Path) }));

        if (root is not MapNode map)
        {
            Fail(root, new FieldError("", FieldErrorKind.Schema, $"a manifest must be an object, not {root.TypeName}"));
            return;
        }
        var apiVersion = map["apiVersion"];
        var kind = map["kind"];
        if (kind is not ScalarNode { Kind: ScalarKind.String } kindScalar || kindScalar.Value.Length == 0)
        {
            Fail(kind ?? map, kind is null ? FieldError.Required("kind", "every manifest names its kind")
                : FieldError.WrongType("kind", "string", kind.TypeName));
            return;
        }
        if (apiVersion is not ScalarNode { Kind: ScalarKind.String } versionScalar || versionScalar.Value.Length == 0)
        {
            Fail(apiVersion ?? map, apiVersion is null ? FieldError.Required("apiVersion", "every manifest names its apiVersion")
                : FieldError.WrongType("apiVersion", "string", apiVersion.TypeName));
            return;
        }

        // `kind: List` (and FooList) holds items, each loaded as if it were its own document.
        if (kindScalar.Value.EndsWith("List", StringComparison.Ordinal) && map["items"] is { } itemsNode)
        {
            if (itemsNode is not SeqNode items)
            {
                if (!itemsNode.IsNull)
                    Fail(itemsNode, FieldError.WrongType("items", "array", itemsNode.TypeName));
                return;
            }
            for (var i = 0; i < items.Items.Count; i++)
                LoadDocument(doc, items.Items[i], FieldPath.Index(itemPath is null ? "items" : FieldPath.Child(itemPath, "items"), i),
                    registry, objects, errors);
            return;
        }

        var info = registry.Resolve(versionScalar.Value, kindScalar.Value, out var kindError);
        if (info is null)
        {
            Fail(kindError!.Path == "kind" ? kindScalar : versionScalar, kindError);
            return;
        }

        var ctx = new BindContext();
        var obj = Binder.Bind(root, info.ClrType, ctx) as KubeObject;
        var origin = Origin(map, kindScalar.Value);
        foreach (var e in ctx.Errors)
        {
            errors.Add(new Diagnostic(doc.Source, doc.Index, ctx.Map.Find(e.Path), origin,
                itemPath is null ? e : e with { Path = FieldPath.Child(itemPath, e.Path) }));
        }
        if (ctx.Errors.Count == 0 && obj is not null)
            objects.Add(new LoadedObject(obj, info, doc.Source, doc.Index, itemPath, ctx.Map));
    }

    private static string Origin(MapNode map, string kind)
    {
        var meta = map.GetMap("metadata");
        var name = meta?.GetString("name") ?? meta?.GetString("generateName") ?? "";
        var ns = meta?.GetString("namespace");
        return KubeObject.FormatOrigin(kind, ns, name);
    }
}
