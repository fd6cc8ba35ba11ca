using Weft.Api.Analysis.Support;
using Weft.Api.Model.Core;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Gateways;

/// <summary>
/// A Gateway selects at least one workload, and every port it listens on is a TCP port (or target
/// port) of a Service in front of those workloads; otherwise nothing outside reaches that port.
/// </summary>
public sealed class IngressGatewayPortAnalyzer : IAnalyzer
{
    public string Name => "gateway.IngressGatewayPortAnalyzer";

    public string Description => "Checks a gateway's ports against the gateway's Kubernetes service ports";

    public IReadOnlyList<string> Inputs => ["Gateway", "Pod", "WorkloadEntry", "Service"];

    public void Analyze(AnalysisContext ctx)
    {
        var services = ctx.OfType<Service>().Select(s => s.Object).ToList();
        foreach (var (gw, input) in ctx.OfType<Gateway>())
        {
            var selector = gw.Spec?.Selector;
            var at = GatewaySelectors.Path(selector);
            var workloads = ctx.Workloads.Where(w => LabelSelectors.Matches(selector, w.Labels)).ToList();
            if (workloads.Count == 0)
            {
                ctx.Report(Messages.ReferencedResourceNotFound, input, at, "selector", LabelSelectors.Format(selector));
                continue;
            }
            var ports = new HashSet<uint>();
            foreach (var w in workloads)
            {
                foreach (var svc in services.Where(s => s.Namespace == w.Namespace && LabelSelectors.Matches(s.Spec?.Selector, w.Labels)))
                {
                    foreach (var p in svc.Spec?.Ports ?? [])
                    {
                        if (p.ProtocolOrDefault != Protocols.TCP)
                            continue;
                        // The gateway listens on the port the Service forwards to; Weft also accepts the Service port itself.
                        if (p.Port is { } port)
                            ports.Add((uint)port);
                        if (p.TargetPort is { IsInt: true, IntValue: > 0 } target)
                            ports.Add((uint)target.IntValue);
                    }
                }
            }
            foreach (var server in gw.Spec?.Servers ?? [])
                if (server.Port?.Number is { } number && !ports.Contains(number))
                    ctx.Report(Messages.GatewayPortNotDefinedOnService, input, at, number, LabelSelectors.Format(selector));
        }
    }
}
