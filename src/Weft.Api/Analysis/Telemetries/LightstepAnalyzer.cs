using Weft.Api.Model.Telemetry;

namespace Weft.Api.Analysis.Telemetries;

/// <summary>Tracing through a Lightstep provider of the mesh config is deprecated in favour of OpenTelemetry.</summary>
public sealed class LightstepAnalyzer : IAnalyzer
{
    public string Name => "telemetry.LightstepAnalyzer";

    public string Description => "Validates that lightstep provider is still used";

    public IReadOnlyList<string> Inputs => ["Telemetry", "MeshConfig"];

    public void Analyze(AnalysisContext ctx)
    {
        var lightstep = (ctx.Options.Mesh.ExtensionProviders ?? []).Where(p => p.Lightstep is not null && p.Name is not null)
            .Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);
        if (lightstep.Count == 0)
            return;
        foreach (var (t, input) in ctx.OfType<Telemetry>())
        {
            var tracing = t.Spec?.Tracing ?? [];
            for (var i = 0; i < tracing.Count; i++)
                foreach (var p in tracing[i].Providers ?? [])
                    if (p.Name is { } name && lightstep.Contains(name))
                        ctx.Report(Messages.Deprecated, input, $"spec.tracing[{i}].providers",
                            $"The Lightstep provider {name} is deprecated, please migrate to OpenTelemetry provider.");
        }
    }
}
