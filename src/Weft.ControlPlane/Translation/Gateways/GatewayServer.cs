using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation.Gateways;

/// <summary>
/// One server of a gateway, whichever resource declared it (an Istio Gateway server, or a Gateway
/// API listener converted the way Istio converts it). <see cref="Protocol"/> is upper case
/// (HTTP, HTTPS, HTTP2, GRPC, TCP, TLS). Hosts keep Istio's namespace prefix, resolved:
/// <c>ns/host</c> (only VirtualServices of ns), or <c>*/host</c> (any namespace).
/// </summary>
public sealed record GatewayServer(string GatewayKey, int Port, string Protocol, ImmutableArray<GatewayHost> Hosts, ServerTlsSettings? Tls, string Name)
{
    /// <summary>HTTP routing happens on this server: plain HTTP, or HTTPS terminated here.</summary>
    public bool IsHttp => Protocol is "HTTP" or "HTTP2" or "GRPC" or "GRPC-WEB"
        || (Protocol == "HTTPS" && Tls?.Mode is not ServerTlsMode.Passthrough and not ServerTlsMode.AutoPassthrough);

    public bool IsPassthrough => Protocol is "TLS" or "HTTPS" && Tls?.Mode is ServerTlsMode.Passthrough or ServerTlsMode.AutoPassthrough;

    public bool IsTcp => Protocol is "TCP" or "MONGO" or "REDIS" or "MYSQL";

    /// <summary>Terminates TLS (SIMPLE, MUTUAL, ISTIO_MUTUAL) on HTTPS or TLS.</summary>
    public bool TerminatesTls => Protocol is "HTTPS" or "TLS" && !IsPassthrough;
}

/// <summary>A server host with its namespace restriction: <c>*</c> any namespace.</summary>
public sealed record GatewayHost(string Namespace, string Host)
{
    /// <summary>Istio's server host syntax: <c>ns/host</c>, <c>./host</c> (the gateway's namespace), <c>*/host</c> or <c>host</c>.</summary>
    public static GatewayHost Parse(string text, string gatewayNamespace)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return new("*", text.ToLowerInvariant());
        var ns = text[..slash];
        return new(ns == "." ? gatewayNamespace : ns, text[(slash + 1)..].ToLowerInvariant());
    }

    /// <summary>Whether a VirtualService of <paramref name="ns"/> may use this host.</summary>
    public bool Admits(string ns) => Namespace == "*" || Namespace == ns;
}
