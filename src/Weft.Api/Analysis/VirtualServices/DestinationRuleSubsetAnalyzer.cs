using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.VirtualServices;

/// <summary>
/// Every subset a VirtualService routes or mirrors to is defined by a DestinationRule for that
/// host (short names are read in each object's own namespace).
/// </summary>
public sealed class DestinationRuleSubsetAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.DestinationRuleAnalyzer";

    public string Description => "Checks the destination rules associated with each virtual service";

    public IReadOnlyList<string> Inputs => ["VirtualService", "DestinationRule"];

    public void Analyze(AnalysisContext ctx)
    {
        var defined = new HashSet<(ObjectName Host, string Subset)>();
        foreach (var (dr, _) in ctx.OfType<DestinationRule>())
        {
            var host = Hosts.ResourceOf(dr.Namespace, Hosts.ToFqdn(dr.Namespace, dr.Spec?.Host ?? "", ctx.Options.DomainSuffix));
            foreach (var subset in dr.Spec?.Subsets ?? [])
                defined.Add((host, subset.Name ?? ""));
        }
        foreach (var (vs, input) in ctx.OfType<VirtualService>())
        {
            foreach (var d in RouteDestination.Routes(vs.Spec).Concat(RouteDestination.Mirrors(vs.Spec)))
            {
                var subset = d.Destination.Subset;
                if (string.IsNullOrEmpty(subset) || defined.Contains((Hosts.ResourceOf(vs.Namespace, d.Host), subset)))
                    continue;
                ctx.Report(Messages.ReferencedResourceNotFound, input, d.HostPath,
                    d.IsMirror ? "mirror+subset in destinationrule" : "host+subset in destinationrule", $"{d.Host}+{subset}");
            }
        }
    }
}
