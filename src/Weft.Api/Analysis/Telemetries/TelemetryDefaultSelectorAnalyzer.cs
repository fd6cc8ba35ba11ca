using Weft.Api.Model.Telemetry;

namespace Weft.Api.Analysis.Telemetries;

/// <summary>At most one Telemetry per namespace applies to the whole namespace (no selector, no target).</summary>
public sealed class TelemetryDefaultSelectorAnalyzer : IAnalyzer
{
    public string Name => "telemetry.DefaultSelectorAnalyzer";

    public string Description => "Validates that there aren't multiple telemetry resources that have no selector";

    public IReadOnlyList<string> Inputs => ["Telemetry"];

    public void Analyze(AnalysisContext ctx)
    {
        var namespaceWide = ctx.OfType<Telemetry>()
            .Where(t => t.Object.Spec?.Selector is null && t.Object.Spec?.TargetRef is null && (t.Object.Spec?.TargetRefs?.Count ?? 0) == 0)
            .GroupBy(t => t.Object.Namespace, StringComparer.Ordinal);
        foreach (var group in namespaceWide)
        {
            var list = group.ToList();
            if (list.Count < 2)
                continue;
            var names = list.Select(t => t.Object.Name).ToList();
            foreach (var (_, input) in list)
                ctx.Report(Messages.MultipleTelemetriesWithoutWorkloadSelectors, input, "metadata.name", names, group.Key);
        }
    }
}
