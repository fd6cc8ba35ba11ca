using Weft.Api.Mesh;
using Weft.Api.Model.Mesh;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.ControlPlane.Config;

/// <summary>
/// The mesh-wide settings (Istio's MeshConfig) in force: the <c>mesh</c> key of ConfigMap
/// <c>istio</c> in the root namespace when one is stored (as istiod reads it), else
/// <c>DATA_DIR/mesh.yaml</c>, else Istio's defaults. The root namespace that locates the ConfigMap
/// comes from mesh.yaml (istio-system by default). An invalid mesh.yaml stops weftd from starting;
/// an invalid ConfigMap is refused at admission, so what is stored always loads.
/// </summary>
public sealed partial class MeshConfigSource
{
    public const string FileName = "mesh.yaml";

    private MeshConfigSource(MeshConfig fileMesh, string? file)
    {
        FileMesh = fileMesh;
        File = file;
    }

    /// <summary>mesh.yaml's settings (with Istio's defaults), or the defaults alone.</summary>
    public MeshConfig FileMesh { get; }

    /// <summary>The mesh.yaml read, when there was one.</summary>
    public string? File { get; }

    /// <summary>The namespace holding the <c>istio</c> ConfigMap and mesh-wide policies.</summary>
    public string RootNamespace => FileMesh.RootNamespace ?? "istio-system";

    /// <exception cref="MeshConfigException">mesh.yaml exists and does not load; the message lists every problem with its line.</exception>
    public static MeshConfigSource Load(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!System.IO.File.Exists(path))
            return new MeshConfigSource(MeshConfigDefaults.Mesh(), null);
        var result = MeshConfigLoader.LoadFile(path);
        if (!result.Ok)
            throw new MeshConfigException(path, result.Errors);
        return new MeshConfigSource(result.Value!, path);
    }

    public static MeshConfigSource FromConfig(MeshConfig mesh) => new(MeshConfigDefaults.Apply(mesh), null);

    /// <summary>The settings in force for a config snapshot.</summary>
    public MeshConfig For(ConfigSnapshot snapshot)
    {
        var configMap = MeshConfigLoader.FindConfigMap(snapshot.Objects.Select(o => o.Object), RootNamespace);
        if (configMap is null)
            return FileMesh;
        var result = MeshConfigLoader.FromConfigMap(configMap);
        // Admission refused invalid ones; one stored by an older weftd that is invalid now is ignored.
        return result.Ok ? result.Value! : FileMesh;
    }

    /// <summary>Validation settings (root namespace, trust domain) for a config snapshot.</summary>
    public ValidationContext Validation(ConfigSnapshot snapshot) => MeshValidationContext.For(For(snapshot));

    /// <summary>
    /// Admission's check of the mesh ConfigMap: its <c>mesh</c> key must load and validate, with
    /// every error under <c>data[mesh]</c>.
    /// </summary>
    public IEnumerable<FieldError> Check(KubeObject obj)
    {
        if (obj.Kind != "ConfigMap" || obj.Group.Length != 0 || obj.Namespace != RootNamespace
            || !(obj.Name == MeshConfigLoader.ConfigMapName || obj.Name.StartsWith(MeshConfigLoader.ConfigMapName + "-", StringComparison.Ordinal)))
            yield break;
        var result = MeshConfigLoader.FromConfigMap(obj);
        foreach (var d in result.Errors)
        {
            var at = FieldPath.Key("data", MeshConfigLoader.MeshKey);
            var path = d.Error.Path.Length == 0 ? at : at + "." + d.Error.Path;
            yield return d.Error with { Path = path };
        }
    }
}

/// <summary>mesh.yaml in the data directory does not load.</summary>
public sealed class MeshConfigException(string path, IReadOnlyList<Diagnostic> errors)
    : Exception($"{path} is not a valid MeshConfig:\n" + string.Join("\n", errors.Select(e => "  " + e)))
{
    public IReadOnlyList<Diagnostic> Errors { get; } = errors;
}
