using System.Collections.Immutable;
using Weft.Api.Model.Networking;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// The inputs of one proxy's snapshot: the shared push context, who the proxy is, what it may
/// see, and which addresses run a sidecar right now (connected proxies), which decides whether
/// a cluster speaks HTTP/2 between sidecars.
/// </summary>
public sealed class ProxyBuild
{
    public ProxyBuild(PushContext push, NodeInfo node, IReadOnlySet<string> sidecarAddresses)
    {
        Push = push;
        Node = node;
        SidecarAddresses = sidecarAddresses;
        Scope = push.ScopeFor(node);
        Source = new RouteSource(node.Namespace, node.Labels);
        Self = push.Workloads.FirstOrDefault(w => w.Namespace == node.Namespace && w.Name == node.Name)
            ?? push.Workloads.FirstOrDefault(w => w.Namespace == node.Namespace && node.Address is { } a && w.Address == a);
        Inbound = InboundPorts.For(this);
    }

    public PushContext Push { get; }
    public NodeInfo Node { get; }
    public IReadOnlySet<string> SidecarAddresses { get; }
    public SidecarScope Scope { get; }
    public RouteSource Source { get; }
    /// <summary>This proxy's own WorkloadEntry (same namespace, same name or address), when there is one.</summary>
    public WorkloadInstance? Self { get; }
    /// <summary>The ports this sidecar owns in front of its application.</summary>
    public ImmutableArray<InboundPort> Inbound { get; }

    /// <summary>The address the sidecar binds: the node's, else its WorkloadEntry's, else loopback.</summary>
    public string BindAddress => Node.Address ?? Self?.Address ?? "127.0.0.1";

    /// <summary>Whether an endpoint runs a sidecar: labelled so (Istio's tlsMode label) or a proxy with its address is connected.</summary>
    public bool HasSidecar(ServiceEndpoint e) => e.Workload.LabelledWithSidecar || SidecarAddresses.Contains(e.Address);

    /// <summary>Visible services with their visible ports.</summary>
    public IEnumerable<(MeshService Service, MeshServicePort Port)> OutboundPorts()
    {
        foreach (var s in Scope.Services)
            foreach (var p in s.Ports)
                if (Scope.PortVisible(s, p.Port))
                    yield return (s, p);
    }

    public MeshService? FindService(string host) => Scope.Service(host);

    public EffectiveDestinationRule? DestinationRule(MeshService service) =>
        EffectiveDestinationRule.For(Push, Node.Namespace, Node.Labels, service);
}

/// <summary>One inbound port: the workload port, the application behind it, and the service port it serves.</summary>
public sealed record InboundPort(int Port, string AppAddress, int AppPort, PortProtocol Protocol);
