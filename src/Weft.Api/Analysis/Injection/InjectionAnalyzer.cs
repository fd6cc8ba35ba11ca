using System.Text.Json;
using Weft.Api.Analysis.Support;
using Weft.Api.Model.Core;

namespace Weft.Api.Analysis.Injection;

/// <summary>
/// Sidecar injection as namespaces ask for it: a namespace says whether its pods get a proxy (the
/// <c>istio-injection</c> label, or a revision, or ambient mode) and says it once; in a namespace that
/// asks for injection, every pod that does not opt out has its proxy.
/// </summary>
public sealed class InjectionAnalyzer : IAnalyzer
{
    private const string RevisionLabel = "istio.io/rev";
    private const string DataplaneModeLabel = "istio.io/dataplane-mode";
    private const string InjectorConfigMap = "istio-sidecar-injector";

    public string Name => "injection.Analyzer";

    public string Description => "Checks conditions related to Istio sidecar injection";

    public IReadOnlyList<string> Inputs => ["Namespace", "Pod", "ConfigMap"];

    public void Analyze(AnalysisContext ctx)
    {
        var injected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ns, input) in ctx.OfType<Namespace>())
        {
            if (ns.Name == ctx.Options.IstioNamespace)
                continue;
            var labels = ns.Metadata.Labels ?? new Dictionary<string, string>();
            var hasLegacy = labels.TryGetValue(InMesh.NamespaceInjectionLabel, out var legacy);
            var hasRevision = labels.TryGetValue(RevisionLabel, out var revision);

            // A namespace that turns injection off may carry other labels; only enabling ones conflict.
            var enabling = new List<string>();
            if (hasLegacy)
                enabling.Add($"{InMesh.NamespaceInjectionLabel}={legacy}");
            foreach (var l in new[] { RevisionLabel, DataplaneModeLabel })
                if (labels.TryGetValue(l, out var v) && (!hasLegacy || legacy == "enabled"))
                    enabling.Add($"{l}={v}");
            if (enabling.Count > 1)
                ctx.Report(Messages.NamespaceMultipleInjectionLabels, input, "metadata.labels", enabling);

            if (labels.GetValueOrDefault(DataplaneModeLabel) == "ambient")
                continue;
            if (string.IsNullOrEmpty(legacy) && !hasRevision)
            {
                if (InjectsAllNamespaces(ctx, revision))
                    ctx.Report(Messages.NamespaceInjectionEnabledByDefault, input, "metadata.name");
                else
                    ctx.Report(Messages.NamespaceNotInjected, input, "metadata.name", ns.Name, ns.Name);
                continue;
            }
            if (legacy == "enabled")
                injected.Add(ns.Name);
        }

        foreach (var pod in ctx.Workloads.Where(w => w.IsPod && injected.Contains(w.Namespace)))
        {
            var optOut = pod.Labels.TryGetValue(InMesh.InjectLabel, out var label) ? label : pod.Annotations.GetValueOrDefault(InMesh.InjectLabel);
            if (string.Equals(optOut, "false", StringComparison.OrdinalIgnoreCase) || pod.PodSpec?.GetString("hostNetwork") == "true")
                continue;
            if (!PodContainers.All(pod.PodSpec).Any(c => c.Name == InMesh.ProxyContainer && !string.IsNullOrEmpty(c.Image)))
                ctx.Report(Messages.PodMissingProxy, pod.Input, "metadata.name", pod.FullName);
        }
    }

    /// <summary>Whether the injector of the namespace's revision injects every namespace that says nothing (<c>enableNamespacesByDefault</c>).</summary>
    private static bool InjectsAllNamespaces(AnalysisContext ctx, string? revision)
    {
        var name = string.IsNullOrEmpty(revision) || revision == "default" ? InjectorConfigMap : $"{InjectorConfigMap}-{revision}";
        var cm = ctx.OfType<ConfigMap>().Select(c => c.Object).FirstOrDefault(c => c.Name == name);
        if (cm?.Data?.GetValueOrDefault("values") is not { } values)
            return false;
        try
        {
            using var doc = JsonDocument.Parse(values);
            return doc.RootElement.TryGetProperty("sidecarInjectorWebhook", out var webhook)
                && webhook.TryGetProperty("enableNamespacesByDefault", out var enabled)
                && enabled.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
