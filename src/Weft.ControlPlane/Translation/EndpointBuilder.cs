using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.Discovery.Endpoints;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// A proxy's endpoint assignments (pilot's EDS): for every EDS cluster, the workloads of its
/// service port (only those carrying the subset's labels for a subset cluster), each at its
/// workload address and port; for an inbound cluster, the application behind the sidecar.
/// </summary>
public static class EndpointBuilder
{
    public static ImmutableArray<ClusterLoadAssignment> Build(ProxyBuild b) => [.. Outbound(b), .. Local(b)];

    /// <summary>The endpoints of the visible services' clusters (shared per <see cref="OutboundPart"/> key).</summary>
    public static ImmutableArray<ClusterLoadAssignment> Outbound(ProxyBuild b)
    {
        var result = ImmutableArray.CreateBuilder<ClusterLoadAssignment>();
        foreach (var (service, port) in b.OutboundPorts())
        {
            if (service.Source == "ServiceEntry" && service.Resolution == ServiceEntryResolution.None)
                continue;
            var dr = b.DestinationRule(service);
            result.Add(Assignment(b, ClusterNames.Outbound(port.Port, "", service.Hostname), Select(b, service, port, null)));
            foreach (var subset in dr?.Subsets ?? [])
                result.Add(Assignment(b, ClusterNames.Outbound(port.Port, subset.Name ?? "", service.Hostname), Select(b, service, port, subset)));
        }
        return result.ToImmutable();
    }

    /// <summary>This proxy's own endpoints: the application behind each owned inbound port.</summary>
    public static ImmutableArray<ClusterLoadAssignment> Local(ProxyBuild b)
    {
        var result = ImmutableArray.CreateBuilder<ClusterLoadAssignment>();
        foreach (var p in b.Inbound)
        {
            result.Add(new ClusterLoadAssignment
            {
                ClusterName = ClusterNames.Inbound(p.Port),
                Endpoints = [new LbEndpoint { Address = p.AppAddress, Port = p.AppPort, Workload = b.Node.Name }],
            });
        }
        return result.ToImmutable();
    }

    public static ImmutableArray<ServiceEndpoint> Select(ProxyBuild b, MeshService service, MeshServicePort port, Subset? subset)
    {
        var all = b.Push.Endpoints(service, port.Port);
        if (subset?.Labels is not { Count: > 0 } labels)
            return all;
        return [.. all.Where(e => Labels.Match(labels, e.Workload.Labels))];
    }

    private static ClusterLoadAssignment Assignment(ProxyBuild b, string cluster, ImmutableArray<ServiceEndpoint> endpoints) => new()
    {
        ClusterName = cluster,
        Endpoints = [.. endpoints.Select(e => new LbEndpoint
        {
            Address = e.Address,
            Port = e.Port,
            Labels = e.Workload.Labels,
            Weight = e.Workload.Weight,
            Identity = $"spiffe://{b.Push.TrustDomain}/ns/{e.Workload.Namespace}/sa/{e.Workload.ServiceAccount}",
            Workload = e.Workload.Name,
            TlsMode = b.HasSidecar(e) ? "istio" : null,
            Health = e.Workload.Healthy ? EndpointHealth.Healthy : EndpointHealth.Unhealthy,
        })],
    };
}
