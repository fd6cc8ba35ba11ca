using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Sidecars;

/// <summary>
/// Per namespace: a Sidecar with a workload selector selects at least one workload; no workload is
/// selected by two Sidecars; at most one Sidecar has no selector. A Sidecar for workloads without
/// sidecars (ambient mode) has no effect.
/// </summary>
public sealed class SidecarSelectorAnalyzer : IAnalyzer
{
    public string Name => "sidecar.SelectorAnalyzer";

    public string Description => "Validates that sidecars that define a workload selector match at least one pod, and that there aren't multiple sidecar resources that select overlapping pods";

    public IReadOnlyList<string> Inputs => ["Sidecar", "Pod", "WorkloadEntry", "Namespace"];

    public void Analyze(AnalysisContext ctx)
    {
        var byWorkload = new Dictionary<Workload, List<(Sidecar Sidecar, AnalysisInput Input)>>(ReferenceEqualityComparer.Instance);
        var byNamespace = new Dictionary<string, List<(Sidecar Sidecar, AnalysisInput Input)>>(StringComparer.Ordinal);
        foreach (var (sc, input) in ctx.OfType<Sidecar>())
        {
            var selector = sc.Spec?.WorkloadSelector?.Labels;
            if (selector is null || selector.Count == 0)
            {
                Add(byNamespace, sc.Namespace, (sc, input));
                continue;
            }
            var selected = ctx.Workloads.Where(w => w.Namespace == sc.Namespace && LabelSelectors.Matches(selector, w.Labels)).ToList();
            if (selected.Count == 0)
                ctx.Report(Messages.ReferencedResourceNotFound, input, $"spec.workloadSelector.labels[{LabelSelectors.FirstKey(selector)}]",
                    "selector", LabelSelectors.Format(selector));
            foreach (var w in selected)
                Add(byWorkload, w, (sc, input));
        }

        var ineffective = new HashSet<AnalysisInput>(ReferenceEqualityComparer.Instance);
        foreach (var (w, sidecars) in byWorkload)
        {
            var ambient = Ambient.Workload(w);
            if (sidecars.Count == 1 && !ambient)
                continue;
            var names = sidecars.Select(s => s.Sidecar.Name).ToList();
            foreach (var (_, input) in sidecars)
            {
                if (ambient)
                {
                    if (ineffective.Add(input))
                        ctx.Report(Messages.IneffectivePolicy, input, null, "selected workload is in ambient mode, the policy has no impact");
                    continue;
                }
                ctx.Report(Messages.ConflictingSidecarWorkloadSelectors, input, "metadata.name", names, w.Namespace, w.Name);
            }
        }
        foreach (var (ns, sidecars) in byNamespace)
        {
            if (Ambient.Namespace(ctx, ns))
            {
                foreach (var (_, input) in sidecars)
                    if (ineffective.Add(input))
                        ctx.Report(Messages.IneffectivePolicy, input, null, "namespace is in ambient mode, the policy has no impact");
                continue;
            }
            if (sidecars.Count < 2)
                continue;
            var names = sidecars.Select(s => s.Sidecar.Name).ToList();
            foreach (var (_, input) in sidecars)
                ctx.Report(Messages.MultipleSidecarsWithoutWorkloadSelectors, input, "metadata.name", names, ns);
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<(Sidecar, AnalysisInput)>> map, TKey key, (Sidecar, AnalysisInput) value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }
}
