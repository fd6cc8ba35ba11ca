using Weft.Api.Documents;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.EnvoyFilters;

/// <summary>
/// EnvoyFilter patches whose operation does not fit what they apply to (ADD or REMOVE on route
/// configurations and routes, REPLACE outside filters and virtual hosts), and relative operations
/// (INSERT_BEFORE/AFTER, REPLACE, REMOVE) in a filter without a priority, whose effect depends on
/// the order filters are applied in; worse when another filter patches the same object only for some
/// proxy versions.
/// </summary>
public sealed class EnvoyPatchAnalyzer : IAnalyzer
{
    public string Name => "envoyfilter.EnvoyPatchAnalyzer";

    public string Description => "Checks an envoyFilters ";

    public IReadOnlyList<string> Inputs => ["EnvoyFilter"];

    public void Analyze(AnalysisContext ctx)
    {
        // Names of the objects patched only for some proxy versions, across the filters seen so far.
        var versioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ef, input) in ctx.OfType<EnvoyFilter>())
        {
            var patches = ef.Spec?.ConfigPatches ?? [];
            for (var i = 0; i < patches.Count; i++)
            {
                var patch = patches[i];
                if (patch.Patch is null)
                    break;
                var at = $"spec.configPatches[{i}]";
                var name = PatchedName(patch);
                var applyTo = patch.ApplyTo;
                var routeLevel = applyTo is EnvoyFilterApplyTo.RouteConfiguration or EnvoyFilterApplyTo.HttpRoute;
                switch (patch.Patch.Operation)
                {
                    case EnvoyFilterPatchOperation.Add when routeLevel:
                        ctx.Report(Messages.EnvoyFilterUsesAddOperationIncorrectly, input, at);
                        break;
                    case EnvoyFilterPatchOperation.Remove when routeLevel:
                        ctx.Report(Messages.EnvoyFilterUsesRemoveOperationIncorrectly, input, at);
                        break;
                    case EnvoyFilterPatchOperation.Replace
                        when applyTo is not (EnvoyFilterApplyTo.NetworkFilter or EnvoyFilterApplyTo.HttpFilter or EnvoyFilterApplyTo.VirtualHost):
                        ctx.Report(Messages.EnvoyFilterUsesReplaceOperationIncorrectly, input, at);
                        break;
                    case EnvoyFilterPatchOperation.Remove or EnvoyFilterPatchOperation.Replace
                        or EnvoyFilterPatchOperation.InsertBefore or EnvoyFilterPatchOperation.InsertAfter:
                        if ((ef.Spec!.Priority ?? 0) == 0)
                            ctx.Report(versioned.Contains(name) ? Messages.EnvoyFilterUsesRelativeOperationWithProxyVersion : Messages.EnvoyFilterUsesRelativeOperation, input, at);
                        break;
                }
                if (!string.IsNullOrEmpty(patch.Match?.Proxy?.ProxyVersion))
                    versioned.Add(name);
            }
        }
    }

    /// <summary>What a patch is about: the <c>name</c> of the value it writes, else the network filter it matches.</summary>
    private static string PatchedName(EnvoyConfigObjectPatch patch)
    {
        if (patch.Patch?.Value?.Node is not MapNode value)
            return "";
        if (value["name"] is { } n)
            return "value:" + NodeWriter.ToJson(n, indented: false);
        return patch.Match?.Listener?.FilterChain is { } chain ? chain.Filter?.Name ?? "" : "";
    }
}
