using Weft.Api.Analysis.Support;
using Weft.Api.Model.Extensions;
using Weft.Api.Model.Istio;
using Weft.Api.Model.Security;
using Weft.Api.Model.Telemetry;

namespace Weft.Api.Analysis.KubernetesGateways;

/// <summary>
/// A policy (AuthorizationPolicy, RequestAuthentication, Telemetry, WasmPlugin) that selects the
/// workloads of a Gateway API gateway by label does nothing to them: such policies attach to a
/// Kubernetes gateway through <c>targetRef</c>.
/// </summary>
public sealed class IneffectiveSelectorAnalyzer : IAnalyzer
{
    private const string GatewayNameLabel = "gateway.networking.k8s.io/gateway-name";

    public string Name => "k8sgateway.SelectorAnalyzer";

    public string Description => "Check that selectors are effective for Kubernetes gateway";

    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy", "RequestAuthentication", "Telemetry", "WasmPlugin", "Pod", "WorkloadEntry"];

    public void Analyze(AnalysisContext ctx)
    {
        var gatewayWorkloads = ctx.Workloads.Where(w => w.Labels.ContainsKey(GatewayNameLabel)).ToList();
        foreach (var input in ctx.Inputs)
        {
            var (selector, targeted) = input.Object switch
            {
                AuthorizationPolicy p => (p.Spec?.Selector, Targeted(p.Spec?.TargetRef, p.Spec?.TargetRefs)),
                RequestAuthentication p => (p.Spec?.Selector, Targeted(p.Spec?.TargetRef, p.Spec?.TargetRefs)),
                Telemetry p => (p.Spec?.Selector, Targeted(p.Spec?.TargetRef, p.Spec?.TargetRefs)),
                WasmPlugin p => (p.Spec?.Selector, Targeted(p.Spec?.TargetRef, p.Spec?.TargetRefs)),
                _ => (null, true),
            };
            if (targeted || selector is null)
                continue;
            var ns = input.Object.Namespace;
            foreach (var w in gatewayWorkloads.Where(w => w.Namespace == ns && LabelSelectors.Matches(selector.MatchLabels, w.Labels)))
                ctx.Report(Messages.IneffectiveSelector, input, "spec.selector", w.Labels[GatewayNameLabel]);
        }
    }

    private static bool Targeted(PolicyTargetReference? one, IReadOnlyList<PolicyTargetReference>? many) => one is not null || (many?.Count ?? 0) > 0;
}
