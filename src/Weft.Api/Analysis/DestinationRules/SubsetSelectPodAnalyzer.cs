using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.DestinationRules;

/// <summary>
/// A DestinationRule's host is a known service, and each of its subsets selects at least one
/// workload (a pod or a WorkloadEntry), counting the topology labels the mesh adds from the node or
/// the entry's locality; a subset that selects nothing sends its traffic nowhere (503 UH).
/// </summary>
public sealed class SubsetSelectPodAnalyzer : IAnalyzer
{
    private const string Region = "topology.kubernetes.io/region";
    private const string Zone = "topology.kubernetes.io/zone";
    private const string Subzone = "topology.istio.io/subzone";
    private const string Hostname = "kubernetes.io/hostname";

    public string Name => "destinationrule.SubsetSelectPodAnalyzer";

    public string Description => "Checks if pods are selected by subsets in destination rules.";

    public IReadOnlyList<string> Inputs => ["DestinationRule", "Pod", "WorkloadEntry", "Service", "ServiceEntry", "Node"];

    public void Analyze(AnalysisContext ctx)
    {
        var nodes = ctx.OfKind("", "Node").GroupBy(n => n.Object.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Object.Metadata.Labels, StringComparer.Ordinal);
        var workloadLabels = ctx.Workloads.Select(w => EndpointLabels(w, nodes)).ToList();
        foreach (var (dr, input) in ctx.OfType<DestinationRule>())
        {
            var host = dr.Spec?.Host ?? "";
            var service = ctx.Services.Resolve(dr.Namespace, dr.Spec?.ExportTo, host);
            if (service is null)
            {
                ctx.Report(Messages.UnknownDestinationRuleHost, input, "spec.host", host);
                continue;
            }
            var subsets = dr.Spec?.Subsets ?? [];
            for (var i = 0; i < subsets.Count; i++)
            {
                var selector = new Dictionary<string, string>(service.WorkloadSelector ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                foreach (var (k, v) in subsets[i].Labels ?? new Dictionary<string, string>())
                    selector[k] = v;
                if (!workloadLabels.Any(l => LabelSelectors.Matches(selector, l)))
                    ctx.Report(Messages.DestinationRuleSubsetNotSelectPods, input, $"spec.subsets[{i}]", subsets[i].Name ?? "");
            }
        }
    }

    /// <summary>
    /// A workload's labels as its endpoints carry them: a pod's with its node's region, zone and name; a
    /// WorkloadEntry's with the parts of its locality (<c>region/zone/subzone</c>). Empty values are not labels.
    /// </summary>
    private static Dictionary<string, string> EndpointLabels(Workload w, Dictionary<string, IReadOnlyDictionary<string, string>?> nodes)
    {
        var labels = new Dictionary<string, string>(w.Labels, StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                labels[key] = value;
        }
        if (w.Input.Object is WorkloadEntry we)
        {
            var parts = (we.Spec?.Locality ?? "").Split('/');
            Add(Region, parts.ElementAtOrDefault(0));
            Add(Zone, parts.ElementAtOrDefault(1));
            Add(Subzone, parts.ElementAtOrDefault(2));
            return labels;
        }
        var nodeName = w.PodSpec?.GetString("nodeName");
        if (nodeName is null)
            return labels;
        if (nodes.TryGetValue(nodeName, out var node) && node is not null)
        {
            Add(Region, node.GetValueOrDefault(Region));
            Add(Zone, node.GetValueOrDefault(Zone));
            Add(Subzone, node.GetValueOrDefault(Subzone));
        }
        Add(Hostname, nodeName);
        return labels;
    }
}
