using Weft.Api.Analysis.Support;
using Weft.Api.Model.Security;

namespace Weft.Api.Analysis.Authorization;

/// <summary>
/// An AuthorizationPolicy applies to at least one workload of the mesh (in its namespace; anywhere
/// for a policy of the root namespace with a selector), and every namespace its sources name, as a
/// value or a <c>prefix*</c>/<c>*suffix</c> pattern, exists.
/// </summary>
public sealed class AuthorizationPoliciesAnalyzer : IAnalyzer
{
    public string Name => "auth.AuthorizationPoliciesAnalyzer";

    public string Description => "Checks the validity of authorization policies";

    public IReadOnlyList<string> Inputs => ["MeshConfig", "AuthorizationPolicy", "Namespace", "Pod", "WorkloadEntry"];

    public void Analyze(AnalysisContext ctx)
    {
        // Workloads an authorization policy can act on: those with a proxy, or redirected in ambient mode.
        var enforced = ctx.Workloads.Where(w => InMesh.Workload(ctx, w) || Ambient.Workload(w)).ToList();
        foreach (var (ap, input) in ctx.OfType<AuthorizationPolicy>())
        {
            CheckWorkloads(ctx, ap, input, enforced);
            CheckNamespaces(ctx, ap, input);
        }
    }

    private static void CheckWorkloads(AnalysisContext ctx, AuthorizationPolicy ap, AnalysisInput input, List<Workload> enforced)
    {
        var selector = ap.Spec?.Selector;
        if (ap.Namespace == ctx.Options.RootNamespace)
        {
            // Mesh-wide: without a selector it applies everywhere; with one, to matching workloads anywhere.
            if (selector is not null && !enforced.Any(w => LabelSelectors.Matches(selector.MatchLabels, w.Labels)))
                ctx.Report(Messages.NoMatchingWorkloadsFound, input, "spec.selector", LabelSelectors.Format(selector.MatchLabels));
            return;
        }
        var inNamespace = enforced.Where(w => w.Namespace == ap.Namespace).ToList();
        if (selector is null)
        {
            if (inNamespace.Count == 0)
                ctx.Report(Messages.NoMatchingWorkloadsFound, input, "metadata.namespace", "");
            return;
        }
        if (!inNamespace.Any(w => LabelSelectors.Matches(selector.MatchLabels, w.Labels)))
            ctx.Report(Messages.NoMatchingWorkloadsFound, input, "spec.selector", LabelSelectors.Format(selector.MatchLabels));
    }

    private static void CheckNamespaces(AnalysisContext ctx, AuthorizationPolicy ap, AnalysisInput input)
    {
        var rules = ap.Spec?.Rules ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var from = rules[i].From ?? [];
            for (var j = 0; j < from.Count; j++)
            {
                var source = from[j].Source;
                Check(source?.Namespaces, "namespaces");
                Check(source?.NotNamespaces, "notNamespaces");

                void Check(IReadOnlyList<string>? values, string field)
                {
                    for (var k = 0; k < (values?.Count ?? 0); k++)
                        if (!ctx.Namespaces.Keys.Any(ns => NamespaceMatches(ns, values![k])))
                            ctx.Report(Messages.ReferencedResourceNotFound, input, $"spec.rules[{i}].from[{j}].source.{field}[{k}]", "namespace", values![k]);
                }
            }
        }
    }

    /// <summary><c>*</c>, <c>prefix*</c>, <c>*suffix</c> or an exact name (case-insensitively), as Istio matches source namespaces.</summary>
    internal static bool NamespaceMatches(string ns, string pattern)
    {
        if (pattern == "*")
            return true;
        if (pattern.StartsWith('*'))
            return ns.EndsWith(pattern[1..], StringComparison.Ordinal);
        if (pattern.EndsWith('*'))
            return ns.StartsWith(pattern[..^1], StringComparison.Ordinal);
        return string.Equals(ns, pattern, StringComparison.OrdinalIgnoreCase);
    }
}
