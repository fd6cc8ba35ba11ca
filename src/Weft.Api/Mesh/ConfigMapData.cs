using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>
/// A text value of a ConfigMap's <c>data</c>, and where it sits in the manifest it came from: the
/// lines before it and, for a block scalar, the indentation of its lines.
/// </summary>
internal sealed record ConfigMapData(string Text, int LineOffset, int ColumnOffset)
{
    /// <summary>
    /// The value, or null when the object is not a ConfigMap or has no such key. The manifest's
    /// text (given, or read from the loaded object's file) tells the indentation of a block scalar.
    /// </summary>
    public static ConfigMapData? Read(KubeObject configMap, string key, LoadedObject? loaded, string? manifestText)
    {
        if (configMap.Kind != "ConfigMap")
            return null;
        // Written back to nodes, a typed ConfigMap and one stored as written look the same.
        if (Binder.Write(configMap) is not MapNode node || node.GetMap("data")?[key] is not ScalarNode { Kind: ScalarKind.String } value)
            return null;
        // A block scalar (mesh: |) starts on the line after its indicator, which is where the map points.
        var at = loaded?.Map.Find(FieldPath.Key("data", key)) ?? Mark.None;
        if (!at.IsKnown || !value.Value.Contains('\n', StringComparison.Ordinal))
            return new ConfigMapData(value.Value, 0, 0);
        return new ConfigMapData(value.Value, at.Line, Indentation(manifestText ?? ReadSource(loaded!.Source), at.Line));
    }

    // The indentation of the block's first content line (line number `line + 1`, 1-based).
    private static int Indentation(string? text, int line)
    {
        if (text is null)
            return 0;
        var lines = text.Split('\n');
        if (line >= lines.Length)
            return 0;
        var n = 0;
        while (n < lines[line].Length && lines[line][n] == ' ')
            n++;
        return n;
    }

    private static string? ReadSource(string source)
    {
        try
        {
            return source != "-" && File.Exists(source) ? File.ReadAllText(source) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // positions stay relative to the value; the error itself is still reported
        }
    }

    /// <summary>Why <see cref="Read"/> found nothing.</summary>
    public static Diagnostic Problem(KubeObject configMap, string key, string source, string origin, LoadedObject? loaded)
    {
        var at = loaded?.At ?? Mark.None;
        if (configMap.Kind != "ConfigMap")
            return new Diagnostic(source, loaded?.DocumentIndex ?? 0, at, origin,
                FieldError.Invalid("kind", configMap.Kind, "mesh settings are read from a ConfigMap"));
        return new Diagnostic(source, loaded?.DocumentIndex ?? 0, loaded?.Map.Find("data") ?? at, origin,
            FieldError.Required(FieldPath.Key("data", key), $"the {MeshConfigLoader.ConfigMapName} ConfigMap holds these settings as text under the \"{key}\" key"));
    }
}
