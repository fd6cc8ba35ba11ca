namespace Weft.Api.Analysis.Support;

/// <summary>
/// How Istio reads a Service port's protocol: UDP as is, else the <c>appProtocol</c>, else the port
/// name's prefix before the first <c>-</c> (<c>http-web</c> is HTTP, <c>grpc-web</c> whole); a name it
/// does not know is unsupported, except on ports whose protocol is well known.
/// </summary>
internal static class PortNames
{
    // Istio's protocol names (pkg/config/protocol), compared case-insensitively.
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "TCP", "UDP", "GRPC", "GRPC-WEB", "HTTP", "HTTP_PROXY", "HTTP2", "HTTPS", "TLS", "MONGO", "REDIS", "MYSQL",
    };

    // SMTP, DNS, MySQL and MongoDB are TCP when their port's name says nothing; sniffing would break them.
    private static readonly HashSet<int> WellKnownPorts = [25, 53, 3306, 27017];

    public static bool IsSupported(int port, string? name, string? protocol, string? appProtocol)
    {
        if (string.Equals(protocol, "UDP", StringComparison.Ordinal))
            return true;
        var text = appProtocol ?? name ?? "";
        if (text.StartsWith("grpc-web", StringComparison.OrdinalIgnoreCase))
            return true;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
            text = text[..dash];
        return Known.Contains(text) || WellKnownPorts.Contains(port);
    }
}
