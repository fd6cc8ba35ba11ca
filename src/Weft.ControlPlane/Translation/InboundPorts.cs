using System.Collections.Immutable;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// The ports an explicit-interception sidecar owns: every workload port of the services that
/// select its workload, for which the proxy said where the application listens instead. A port
/// without a mapping is the application's own (it listens on it directly) and is left alone.
/// </summary>
internal static class InboundPorts
{
    public static ImmutableArray<InboundPort> For(ProxyBuild b)
    {
        var labels = b.Self?.Labels ?? b.Node.Labels;
        var self = b.Self ?? new WorkloadInstance { Name = b.Node.Name, Namespace = b.Node.Namespace, Address = b.BindAddress, Labels = labels };
        var byPort = new SortedDictionary<int, InboundPort>();
        foreach (var service in b.Push.ServicesSelecting(b.Node.Namespace, labels))
        {
            foreach (var sp in service.Ports)
            {
                var port = RegistryBuilder.PortOf(self, sp);
                if (byPort.ContainsKey(port))
                    continue;
                var mapping = b.Node.InboundPorts.FirstOrDefault(m => m.Port == port);
                if (mapping is null)
                    continue;
                byPort[port] = new InboundPort(port, mapping.AppAddress, mapping.AppPort, sp.Protocol);
            }
        }
        return [.. byPort.Values];
    }
}
