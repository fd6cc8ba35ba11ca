using Weft.Api.Model.Networking;

namespace Weft.Api.Analysis.Support;

/// <summary>
/// How Istio reads a Service port's protocol: UDP as is, else the <c>appProtocol</c>, else the port
/// name's prefix before the first <c>-</c> (<c>http-web</c> is HTTP, <c>grpc-web</c> whole); a name it
/// does not know is unsupported, except on ports whose protocol is well known.
/// </summary>
internal static class PortNames
{
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
        return PortProtocols.Parse(text) != PortProtocol.Unsupported || WellKnownPorts.Contains(port);
    }
}
