using Weft.Api.Loading;
using Weft.Api.Mesh;
using Weft.Api.Model.Core;
using Weft.Api.Validation;

namespace Weft.Api.Analysis;

/// <summary>
/// The mesh settings an offline analysis runs with: those of the <c>istio</c> ConfigMap of the root
/// namespace when the manifests include it (as istiod would read them), Istio's defaults otherwise.
/// </summary>
public static class MeshSettings
{
    /// <summary>Options carrying the ConfigMap's MeshConfig and MeshNetworks; problems reading them are schema errors of the ConfigMap.</summary>
    public static (AnalysisOptions Options, IReadOnlyList<Diagnostic> Problems) From(IReadOnlyList<LoadedObject> objects, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        var problems = new List<Diagnostic>();
        var found = MeshConfigLoader.FindConfigMap(objects.Select(o => o.Object), options.IstioNamespace);
        if (found is null || objects.FirstOrDefault(o => ReferenceEquals(o.Object, found)) is not { } configMap)
            return (options, problems);
        var data = (found as ConfigMap)?.Data;
        if (data?.ContainsKey(MeshConfigLoader.MeshKey) ?? false)
        {
            var mesh = MeshConfigLoader.FromConfigMap(configMap);
            problems.AddRange(mesh.Errors);
            if (mesh.Value is not null)
                options = options with { Mesh = mesh.Value };
        }
        if (data?.ContainsKey(MeshConfigLoader.NetworksKey) ?? false)
        {
            var networks = MeshNetworksLoader.FromConfigMap(configMap);
            problems.AddRange(networks.Errors);
            options = options with { MeshNetworks = networks.Value };
        }
        return (options, problems);
    }
}
