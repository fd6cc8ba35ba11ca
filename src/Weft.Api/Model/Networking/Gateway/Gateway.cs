using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io Gateway: the ports, protocols, hosts and TLS a gateway proxy listens with.</summary>
[WireNullsAreAbsent]
public sealed record Gateway : SpecObject<GatewaySpec>;

[WireNullsAreAbsent]
public sealed record GatewaySpec
{
    public IReadOnlyList<Server>? Servers { get; init; }

    /// <summary>The labels of the gateway proxies this applies to.</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }
}
