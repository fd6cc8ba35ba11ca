using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyConfig.InboundInterceptionMode: how inbound traffic reaches the proxy.</summary>
[WireCase(WireCase.UpperSnake)]
public enum InterceptionMode
{
    /// <summary>iptables REDIRECT (loses the source address).</summary>
    Redirect,
    /// <summary>iptables TPROXY (keeps addresses; needs CAP_NET_ADMIN).</summary>
    Tproxy,
    /// <summary>No redirection.</summary>
    None,
}
