using System.Collections.Frozen;

namespace Weft.Proxy.Forwarding;

/// <summary>
/// Headers that describe one connection, not the message (RFC 9110 7.6.1), never forwarded.
/// <c>te: trailers</c> is the exception the forwarder keeps, because gRPC needs it.
/// </summary>
public static class HopByHopHeaders
{
    public static readonly FrozenSet<string> Names = new[]
    {
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "http2-settings",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string name) => Names.Contains(name);
}
