using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>A text value of a ConfigMap's <c>data</c>, and how many lines precede it in the manifest it came from.</summary>
internal sealed record ConfigMapData(string Text, int LineOffset)
{
    /// <summary>The value, or null when the object is not a ConfigMap or has no such key.</summary>
    public static ConfigMapData? Read(KubeObject configMap, string key, LoadedObject? loaded)
    {
        if (configMap.Kind != "ConfigMap")
            return null;
        // Written back to nodes, a typed ConfigMap and one stored as written look the same.
        if (Binder.Write(configMap) is not MapNode node || node.GetMap("data")?[key] is not ScalarNode { Kind: ScalarKind.String } value)
            return null;
        // A block scalar (mesh: |) starts on the line after its indicator, which is where the map points.
        var at = loaded?.Map.Find(FieldPath.Key("data", key)) ?? Mark.None;
        var offset = at.IsKnown && value.Value.Contains('\n', StringComparison.Ordinal) ? at.Line : 0;
        return new ConfigMapData(value.Value, offset);
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
