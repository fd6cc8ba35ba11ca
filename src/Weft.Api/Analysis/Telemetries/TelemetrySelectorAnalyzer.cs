using Weft.Api.Analysis.Support;
using Weft.Api.Model.Telemetry;

namespace Weft.Api.Analysis.Telemetries;

/// <summary>
/// Per namespace: a Telemetry with a selector selects at least one workload, and no workload is
/// selected by two Telemetries (which one applies would be undefined).
/// </summary>
public sealed class TelemetrySelectorAnalyzer : IAnalyzer
{
    public string Name => "telemetry.SelectorAnalyzer";

    public string Description => "Validates that telemetries that define a selector match at least one pod, and that there aren't multiple telemetry resources that select overlapping pods";

    public IReadOnlyList<string> Inputs => ["Telemetry", "Pod", "WorkloadEntry"];

    public void Analyze(AnalysisContext ctx)
    {
        var byWorkload = new Dictionary<Workload, List<(Telemetry Telemetry, AnalysisInput Input)>>(ReferenceEqualityComparer.Instance);
        var order = new List<Workload>();
        foreach (var (t, input) in ctx.OfType<Telemetry>())
        {
            var selector = t.Spec?.Selector?.MatchLabels;
            if (selector is null || selector.Count == 0)
                continue;
            var selected = ctx.Workloads.Where(w => w.Namespace == t.Namespace && LabelSelectors.Matches(selector, w.Labels)).ToList();
            if (selected.Count == 0)
                ctx.Report(Messages.ReferencedResourceNotFound, input, $"spec.selector.matchLabels[{LabelSelectors.FirstKey(selector)}]",
                    "selector", LabelSelectors.Format(selector));
            foreach (var w in selected)
            {
                if (!byWorkload.TryGetValue(w, out var list))
                {
                    byWorkload[w] = list = [];
                    order.Add(w);
                }
                list.Add((t, input));
            }
        }
        foreach (var w in order)
        {
            var list = byWorkload[w];
            if (list.Count < 2)
                continue;
            var names = list.Select(x => x.Telemetry.Name).ToList();
            foreach (var (_, input) in list)
                ctx.Report(Messages.ConflictingTelemetryWorkloadSelectors, input, "metadata.name", names, w.Namespace, w.Name);
        }
    }
}
