using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>
/// Reads MeshConfig the way istiod does: a plain YAML or JSON document (a file, or the <c>mesh</c>
/// key of the <c>istio</c> ConfigMap in the root namespace), protobuf JSON names, Istio's defaults
/// laid under it (<see cref="MeshConfigDefaults"/>), then Istio's validation. Every problem is
/// reported with the source, line and field path.
/// </summary>
public static class MeshConfigLoader
{
    /// <summary>The ConfigMap istiod reads its settings from (revisions add <c>-REVISION</c>).</summary>
    public const string ConfigMapName = "istio";

    public const string MeshKey = "mesh";

    public const string NetworksKey = "meshNetworks";

    public static MeshLoadResult<MeshConfig> Load(string text, string source) => Load(text, source, "MeshConfig", 0, 0);

    public static MeshLoadResult<MeshConfig> LoadFile(string path)
    {
        try
        {
            return Load(File.ReadAllText(path), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new MeshLoadResult<MeshConfig>(null,
                [new Diagnostic(path, 0, Mark.None, "MeshConfig", new FieldError("", FieldErrorKind.Invalid, "cannot read: " + ex.Message))]);
        }
    }

    /// <summary>The mesh config held by an <c>istio</c> ConfigMap (typed, or stored as written).</summary>
    public static MeshLoadResult<MeshConfig> FromConfigMap(KubeObject configMap, string? source = null) =>
        FromConfigMap(configMap, source ?? configMap.Origin, null, null);

    /// <summary>The mesh config of a ConfigMap read from a manifest; errors point at lines of that manifest.</summary>
    /// <summary>
    /// From a ConfigMap read from a manifest: errors point at lines and columns of that manifest
    /// (its text, when not given, is read from the object's file to find the block's indentation).
    /// </summary>
    public static MeshLoadResult<MeshConfig> FromConfigMap(LoadedObject configMap, string? manifestText = null) =>
        FromConfigMap(configMap.Object, configMap.Source, configMap, manifestText);

    /// <summary>
    /// The ConfigMap istiod would read among <paramref name="objects"/>: <c>istio</c> (or
    /// <c>istio-REVISION</c>) in the root namespace.
    /// </summary>
    public static KubeObject? FindConfigMap(IEnumerable<KubeObject> objects, string rootNamespace = "istio-system", string? revision = null)
    {
        var name = string.IsNullOrEmpty(revision) || revision == "default" ? ConfigMapName : $"{ConfigMapName}-{revision}";
        return objects.FirstOrDefault(o => o.Kind == "ConfigMap" && o.Name == name && o.Namespace == rootNamespace);
    }

    private static MeshLoadResult<MeshConfig> FromConfigMap(KubeObject configMap, string source, LoadedObject? loaded, string? manifestText)
    {
        var origin = $"MeshConfig in {configMap.Origin} data[{MeshKey}]";
        if (ConfigMapData.Read(configMap, MeshKey, loaded, manifestText) is not { } data)
            return new MeshLoadResult<MeshConfig>(null, [ConfigMapData.Problem(configMap, MeshKey, source, origin, loaded)]);
        return Load(data.Text, source, origin, data.LineOffset, data.ColumnOffset);
    }

    private static MeshLoadResult<MeshConfig> Load(string text, string source, string origin, int lineOffset, int columnOffset)
    {
        var doc = MeshDocument<MeshConfig>.Read(text, source, origin, lineOffset, columnOffset);
        if (doc.Value is not { } written)
            return new MeshLoadResult<MeshConfig>(null, doc.Errors);
        var mesh = MeshConfigDefaults.Apply(written);
        var errors = MeshConfigValidator.Validate(mesh, written).Select(doc.Locate).ToList();
        return new MeshLoadResult<MeshConfig>(errors.Count == 0 ? mesh : null, errors);
    }
}
