using System.Globalization;
using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Gateways;

/// <summary>
/// Two Gateways that land on the same workloads (the same selector, or overlapping selectors that
/// pick a common workload) must not declare the same host on the same port and bind address: the
/// proxy can serve only one of them.
/// </summary>
public sealed class ConflictingGatewayAnalyzer : IAnalyzer
{
    public string Name => "gateway.ConflictingGatewayAnalyzer";

    public string Description => "Checks a gateway's selector, port number and hosts";

    public IReadOnlyList<string> Inputs => ["Gateway", "Pod", "WorkloadEntry"];

    /// <summary>The servers of one gateway on one port: host to bind address.</summary>
    private sealed record Listening(string Selector, IReadOnlyDictionary<string, string>? Labels, string Port, string Gateway,
        IReadOnlyDictionary<string, string> HostBinds);

    public void Analyze(AnalysisContext ctx)
    {
        var all = new List<Listening>();
        foreach (var (gw, _) in ctx.OfType<Gateway>())
            foreach (var server in gw.Spec?.Servers ?? [])
                all.Add(new Listening(LabelSelectors.Format(gw.Spec?.Selector), gw.Spec?.Selector, Port(server), FullName(gw),
                    (server.Hosts ?? []).Distinct(StringComparer.Ordinal).ToDictionary(h => h, _ => server.Bind ?? "", StringComparer.Ordinal)));

        foreach (var (gw, input) in ctx.OfType<Gateway>())
        {
            var selector = gw.Spec?.Selector;
            var text = LabelSelectors.Format(selector);
            var sameWorkloads = all.Where(l => l.Selector == text || (Overlaps(l.Selector, text) && SelectCommonWorkload(ctx, selector, l.Labels))).ToList();
            if (text.Length > 0 && sameWorkloads.Count == 0)
            {
                ctx.Report(Messages.ReferencedResourceNotFound, input, GatewaySelectors.Path(selector), "selector", text);
                continue;
            }
            var self = FullName(gw);
            foreach (var server in gw.Spec?.Servers ?? [])
            {
                var port = Port(server);
                var bind = server.Bind ?? "";
                var conflicting = sameWorkloads
                    .Where(l => l.Port == port && l.Gateway != self && (server.Hosts ?? []).Any(h => l.HostBinds.TryGetValue(h, out var b) && b == bind))
                    .Select(l => l.Gateway).Order(StringComparer.Ordinal).ToList();
                if (conflicting.Count > 0)
                    ctx.Report(Messages.ConflictingGateways, input, "metadata.name", string.Join(",", conflicting), text, port, string.Join(",", server.Hosts ?? []));
            }
        }
    }

    private static string FullName(Gateway gw) => new ObjectName(gw.Namespace, gw.Name).ToString();

    private static string Port(Server server) => (server.Port?.Number ?? 0).ToString(CultureInfo.InvariantCulture);

    // Istio only compares selectors whose printed forms contain one another.
    private static bool Overlaps(string a, string b) => a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal);

    private static bool SelectCommonWorkload(AnalysisContext ctx, IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        ctx.Workloads.Any(w => LabelSelectors.Matches(a, w.Labels) && LabelSelectors.Matches(b, w.Labels));
}
