using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// Routes bound to gateways: an Istio VirtualService naming them in <c>gateways:</c>, or the
/// rules of Gateway API routes attached to one listener for one hostname. <see cref="Namespace"/>
/// is what a server's <c>ns/host</c> restriction is checked against. HTTP routes carry their
/// own namespace (short destination hosts resolve there).
/// </summary>
public sealed record GatewayRouteSet(string Id, string Namespace, ImmutableArray<string> GatewayKeys, ImmutableArray<string> Hosts)
{
    public ImmutableArray<FlatHttpRoute> Http { get; init; } = [];
    public ImmutableArray<TcpRoute> Tcp { get; init; } = [];
    public ImmutableArray<TlsRoute> Tls { get; init; } = [];
}
