using System.Collections.Immutable;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// A gateway as translation sees it: its key (<c>ns/name</c>, what VirtualServices name in
/// <c>gateways:</c>), which gateway proxies it applies to, and its servers. Istio Gateways select
/// by labels in every namespace; Gateway API Gateways select the proxies of their own namespace
/// (<see cref="SameNamespaceOnly"/>), as Istio's deployment controller labels them.
/// </summary>
public sealed record GatewayConfig(string Key, string Namespace, string Name, IReadOnlyDictionary<string, string>? Selector,
    bool SameNamespaceOnly, ImmutableArray<GatewayServer> Servers, string Source)
{
    public bool Selects(string proxyNamespace, IReadOnlyDictionary<string, string> labels) =>
        (!SameNamespaceOnly || proxyNamespace == Namespace) && Labels.Match(Selector, labels);
}
