using Weft.Api.Model.Telemetry;

namespace Weft.Api.Analysis.Telemetries;

/// <summary>
/// An access logging entry of a Telemetry names its providers when the mesh has no default access
/// log provider; without one it is ignored (unless it only disables logging).
/// </summary>
public sealed class TelemetryProviderAnalyzer : IAnalyzer
{
    public string Name => "telemetry.ProviderAnalyzer";

    public string Description => "Validates that providers in telemery resource is valid";

    public IReadOnlyList<string> Inputs => ["Telemetry", "MeshConfig"];

    public void Analyze(AnalysisContext ctx)
    {
        if ((ctx.Options.Mesh.DefaultProviders?.AccessLogging?.Count ?? 0) > 0)
            return;
        foreach (var (t, input) in ctx.OfType<Telemetry>())
        {
            var logging = t.Spec?.AccessLogging ?? [];
            for (var i = 0; i < logging.Count; i++)
                if ((logging[i].Providers?.Count ?? 0) == 0 && logging[i].Disabled != true)
                    ctx.Report(Messages.InvalidTelemetryProvider, input, $"spec.accessLogging[{i}]", t.Name, t.Namespace);
        }
    }
}
