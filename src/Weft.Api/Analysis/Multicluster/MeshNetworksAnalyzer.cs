using Weft.Api.Kinds;
using Weft.Api.Model.Core;
using Weft.Api.Model.Meta;

namespace Weft.Api.Analysis.Multicluster;

/// <summary>
/// Every <c>fromRegistry</c> of the mesh networks names a registry the mesh has: Kubernetes (Services),
/// External (ServiceEntries), or a remote cluster whose credentials are in a multi-cluster Secret.
/// </summary>
public sealed class MeshNetworksAnalyzer : IAnalyzer
{
    // Registry names are case-sensitive: "kubernetes" is not the Kubernetes registry.
    private static readonly string[] BuiltInRegistries = ["Kubernetes", "External"];

    private const string MultiClusterSecretLabel = "istio/multiCluster";

    public string Name => "meshnetworks.MeshNetworksAnalyzer";

    public string Description => "Check the validity of MeshNetworks in the cluster";

    public IReadOnlyList<string> Inputs => ["MeshNetworks", "Secret"];

    public void Analyze(AnalysisContext ctx)
    {
        if (ctx.Options.MeshNetworks?.Networks is not { Count: > 0 } networks)
            return;
        var registries = new HashSet<string>(BuiltInRegistries, StringComparer.Ordinal);
        foreach (var (secret, _) in ctx.OfType<Secret>())
            if (secret.Metadata.Label(MultiClusterSecretLabel) == "true")
                registries.UnionWith((secret.Data?.Keys ?? []).Concat(secret.StringData?.Keys ?? []));

        var on = new AnalysisInput(
            new GenericObject { ApiVersion = "v1alpha1", Kind = "MeshNetworks", Metadata = new ObjectMeta { Name = "meshnetworks", Namespace = ctx.Options.IstioNamespace } },
            KindRegistry.Synthesize("", "v1alpha1", "MeshNetworks"));
        foreach (var (network, n) in networks)
        {
            var endpoints = n.Endpoints ?? [];
            for (var j = 0; j < endpoints.Count; j++)
                if (endpoints[j].FromRegistry is { } registry && !registries.Contains(registry))
                    ctx.Report(Messages.UnknownMeshNetworksServiceRegistry, on, $"networks[{network}].endpoints[{j}].fromRegistry", registry, network);
        }
    }
}
