using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Api.Mesh;

/// <summary>Reads MeshNetworks (a file, or the <c>meshNetworks</c> key of the <c>istio</c> ConfigMap) and validates it as Istio does.</summary>
public static class MeshNetworksLoader
{
    public static MeshLoadResult<MeshNetworks> Load(string text, string source) => Load(text, source, "MeshNetworks", 0, 0);

    public static MeshLoadResult<MeshNetworks> LoadFile(string path)
    {
        try
        {
            return Load(File.ReadAllText(path), path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new MeshLoadResult<MeshNetworks>(null,
                [new Diagnostic(path, 0, Mark.None, "MeshNetworks", new FieldError("", FieldErrorKind.Invalid, "cannot read: " + ex.Message))]);
        }
    }

    public static MeshLoadResult<MeshNetworks> FromConfigMap(KubeObject configMap, string? source = null) =>
        FromConfigMap(configMap, source ?? configMap.Origin, null, null);

    /// <summary>
    /// From a ConfigMap read from a manifest: errors point at lines and columns of that manifest
    /// (its text, when not given, is read from the object's file to find the block's indentation).
    /// </summary>
    public static MeshLoadResult<MeshNetworks> FromConfigMap(LoadedObject configMap, string? manifestText = null) =>
        FromConfigMap(configMap.Object, configMap.Source, configMap, manifestText);

    private static MeshLoadResult<MeshNetworks> FromConfigMap(KubeObject configMap, string source, LoadedObject? loaded, string? manifestText)
    {
        var key = MeshConfigLoader.NetworksKey;
        var origin = $"MeshNetworks in {configMap.Origin} data[{key}]";
        if (ConfigMapData.Read(configMap, key, loaded, manifestText) is not { } data)
            return new MeshLoadResult<MeshNetworks>(null, [ConfigMapData.Problem(configMap, key, source, origin, loaded)]);
        return Load(data.Text, source, origin, data.LineOffset, data.ColumnOffset);
    }

    private static MeshLoadResult<MeshNetworks> Load(string text, string source, string origin, int lineOffset, int columnOffset)
    {
        var doc = MeshDocument<MeshNetworks>.Read(text, source, origin, lineOffset, columnOffset);
        if (doc.Value is not { } networks)
            return new MeshLoadResult<MeshNetworks>(null, doc.Errors);
        // Istio starts from an empty network map, so an empty document is a mesh of no networks.
        networks = networks with { Networks = networks.Networks ?? new Dictionary<string, MeshNetwork>() };
        var errors = MeshNetworksValidator.Validate(networks).Select(doc.Locate).ToList();
        return new MeshLoadResult<MeshNetworks>(errors.Count == 0 ? networks : null, errors);
    }
}
