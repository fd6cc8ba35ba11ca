using Weft.Api.Analysis.Support;
using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.VirtualServices;

/// <summary>
/// Every destination and mirror host of a VirtualService is a known service (a Service, or a
/// ServiceEntry visible from the VirtualService's namespace) with the port it names, or with one
/// port when it names none; and an ingress route without a subset is flagged when another
/// VirtualService splits the same host by subset, which ingress requests never see.
/// </summary>
public sealed class DestinationHostAnalyzer : IAnalyzer
{
    public string Name => "virtualservice.DestinationHostAnalyzer";

    public string Description => "Checks the destination hosts associated with each virtual service";

    public IReadOnlyList<string> Inputs => ["ServiceEntry", "VirtualService", "Service"];

    public void Analyze(AnalysisContext ctx)
    {
        var withSubsets = VirtualServicesRoutingBySubset(ctx);
        foreach (var (vs, input) in ctx.OfType<VirtualService>())
        {
            foreach (var d in RouteDestination.Routes(vs.Spec))
                Check(ctx, vs, input, d, "host");
            foreach (var d in RouteDestination.Mirrors(vs.Spec))
                Check(ctx, vs, input, d, "mirror host");
            CheckIngressSubsets(ctx, vs, input, withSubsets);
        }
    }

    private static void Check(AnalysisContext ctx, VirtualService vs, AnalysisInput input, RouteDestination d, string what)
    {
        var service = ctx.Services.Resolve(vs.Namespace, vs.Spec?.ExportTo, d.Host);
        if (service is null)
        {
            ctx.Report(Messages.ReferencedResourceNotFound, input, d.HostPath, what, d.Host);
            return;
        }
        var port = d.Destination.Port?.Number;
        if (port is null)
        {
            // Without a port the destination is ambiguous only when the service has several.
            if (service.Ports.Count > 1)
                ctx.Report(Messages.VirtualServiceDestinationPortSelectorRequired, input, d.HostPath, d.Host, service.Ports.Select(p => p.Number));
            return;
        }
        if (!service.Ports.Any(p => p.Number == port))
            ctx.Report(Messages.ReferencedResourceNotFound, input, d.HostPath, "host:port", $"{d.Host}:{port}");
    }

    /// <summary>
    /// VirtualServices with a route to a subset of one of their own hosts, by name, with those destinations.
    /// </summary>
    private static List<(ObjectName Name, List<Destination> Destinations)> VirtualServicesRoutingBySubset(AnalysisContext ctx)
    {
        var result = new List<(ObjectName, List<Destination>)>();
        foreach (var (vs, _) in ctx.OfType<VirtualService>())
        {
            var hosts = vs.Spec?.Hosts ?? [];
            var destinations = (vs.Spec?.Http ?? []).SelectMany(r => r.Route ?? []).Select(r => r.Destination)
                .Where(d => !string.IsNullOrEmpty(d?.Subset) && hosts.Contains(d!.Host ?? "")).Select(d => d!).ToList();
            if (destinations.Count > 0)
                result.Add((new ObjectName(vs.Namespace, vs.Name), destinations));
        }
        return result;
    }

    /// <summary>A gateway's requests are routed by the gateway's VirtualService only; subsets of mesh routes do not apply to them.</summary>
    private static void CheckIngressSubsets(AnalysisContext ctx, VirtualService vs, AnalysisInput input,
        List<(ObjectName Name, List<Destination> Destinations)> withSubsets)
    {
        if ((vs.Spec?.Gateways?.Count ?? 0) == 0)
            return;
        var http = vs.Spec!.Http ?? [];
        for (var i = 0; i < http.Count; i++)
        {
            var routes = http[i].Route ?? [];
            for (var j = 0; j < routes.Count; j++)
            {
                var d = routes[j].Destination;
                if (!string.IsNullOrEmpty(d?.Subset))
                    continue;
                foreach (var (other, destinations) in withSubsets)
                    if (destinations.Any(x => x.Host == (d?.Host ?? "")))
                        ctx.Report(Messages.IngressRouteRulesNotAffected, input, $"spec.http[{i}].route[{j}].destination.host",
                            other, new ObjectName(vs.Namespace, vs.Name));
            }
        }
    }
}
