using Weft.Api.Model.Core;
using Weft.Api.Model.Networking;
using Weft.Api.Model.Security;

namespace Weft.Api.Analysis.Authorization;

/// <summary>
/// Weft's own (Istio has no such analyzer): every principal (<c>cluster.local/ns/NS/sa/SA</c>) and
/// service account (<c>NS/SA</c>) an AuthorizationPolicy names is an identity some workload has: a
/// ServiceAccount object, a WorkloadEntry or WorkloadGroup running as it, or a pod or Deployment
/// template using it. A mistyped principal silently denies (or fails to deny) the caller it meant.
/// Patterns with <c>*</c>, other trust domains, and namespaces of which the input describes no
/// workload or service account are not judged.
/// </summary>
public sealed class PrincipalAnalyzer : IAnalyzer
{
    public string Name => "auth.PrincipalAnalyzer";

    public string Description => "Checks that the principals and service accounts authorization policies name are identities of workloads";

    public IReadOnlyList<string> Inputs => ["AuthorizationPolicy", "MeshConfig", "ServiceAccount", "WorkloadEntry", "WorkloadGroup", "Pod", "Deployment", "VirtualMachine"];

    public void Analyze(AnalysisContext ctx)
    {
        var identities = Identities(ctx);
        // Only namespaces whose workloads the input describes can be judged; others may simply be elsewhere.
        var known = identities.Select(i => i.Ns).ToHashSet(StringComparer.Ordinal);
        var mesh = ctx.Options.Mesh;
        var trustDomains = new HashSet<string>([mesh.TrustDomain ?? "cluster.local", .. mesh.TrustDomainAliases ?? []], StringComparer.Ordinal);
        foreach (var (ap, input) in ctx.OfType<AuthorizationPolicy>())
        {
            var rules = ap.Spec?.Rules ?? [];
            for (var i = 0; i < rules.Count; i++)
            {
                var from = rules[i].From ?? [];
                for (var j = 0; j < from.Count; j++)
                {
                    var at = $"spec.rules[{i}].from[{j}].source";
                    var source = from[j].Source;
                    Check(source?.Principals, "principals", "principal", Principal);
                    Check(source?.NotPrincipals, "notPrincipals", "principal", Principal);
                    Check(source?.ServiceAccounts, "serviceAccounts", "service account", ServiceAccount);
                    Check(source?.NotServiceAccounts, "notServiceAccounts", "service account", ServiceAccount);

                    void Check(IReadOnlyList<string>? values, string field, string what, Func<string, (string Ns, string Sa)?> parse)
                    {
                        for (var k = 0; k < (values?.Count ?? 0); k++)
                            if (parse(values![k]) is { } id && known.Contains(id.Ns) && !identities.Contains(id))
                                ctx.Report(Messages.ReferencedResourceNotFound, input, $"{at}.{field}[{k}]", what, values[k]);
                    }
                }
            }
        }

        // TRUST_DOMAIN/ns/NS/sa/SA in one of the mesh's trust domains, without wildcards.
        (string, string)? Principal(string p)
        {
            var parts = p.Split('/');
            return p.Contains('*', StringComparison.Ordinal) || parts.Length != 5 || parts[1] != "ns" || parts[3] != "sa" || !trustDomains.Contains(parts[0])
                ? null : (parts[2], parts[4]);
        }
    }

    /// <summary><c>NS/SA</c> without wildcards.</summary>
    private static (string, string)? ServiceAccount(string s)
    {
        var parts = s.Split('/');
        return s.Contains('*', StringComparison.Ordinal) || parts.Length != 2 ? null : (parts[0], parts[1]);
    }

    /// <summary>Every (namespace, service account) some workload runs as, or that exists as an object.</summary>
    private static HashSet<(string Ns, string Sa)> Identities(AnalysisContext ctx)
    {
        var ids = new HashSet<(string, string)>();
        foreach (var (sa, _) in ctx.OfType<ServiceAccount>())
            ids.Add((sa.Namespace, sa.Name));
        foreach (var w in ctx.Workloads)
        {
            var account = w.Input.Object switch
            {
                WorkloadEntry we => we.Spec?.ServiceAccount,
                WorkloadGroup wg => wg.Spec?.Template?.ServiceAccount,
                _ => w.PodSpec?.GetString("serviceAccountName"),
            };
            // Kubernetes runs a pod without one as the namespace's "default" account; so does Istio a VM.
            ids.Add((w.Namespace, string.IsNullOrEmpty(account) ? "default" : account));
        }
        return ids;
    }
}
