using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.ApplyTo: the kind of Envoy object a patch applies to; unset is INVALID.</summary>
[WireCase(WireCase.UpperSnake)]
public enum EnvoyFilterApplyTo
{
    Invalid,
    Listener,
    FilterChain,
    NetworkFilter,
    HttpFilter,
    RouteConfiguration,
    VirtualHost,
    HttpRoute,
    Cluster,
    ExtensionConfig,
    Bootstrap,
    ListenerFilter,
}
