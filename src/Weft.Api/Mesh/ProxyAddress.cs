using System.Globalization;
using Weft.Api.Validation;
using Weft.Api.Validation.Networking;

namespace Weft.Api.Mesh;

/// <summary>A <c>HOST:PORT</c> address the proxy dials (discovery, tracers, statsd), as Istio's ValidateProxyAddress checks it.</summary>
public static class ProxyAddress
{
    /// <summary>What is wrong with the address, or null.</summary>
    public static string? Problem(string address)
    {
        // The injector replaces $(HOST_IP) with the node's address (Datadog agents run per node),
        // so Istio checks such an address with a stand-in IP.
        address = address.Replace("$(HOST_IP)", "127.0.0.1", StringComparison.Ordinal);
        if (!TrySplit(address, out var host, out var port))
            return "must be HOST:PORT";
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return $"port \"{port}\" is not a number";
        if (number is < 1 or > 65535)
            return "port must be between 1-65535";
        if (HostRules.CheckFqdn(host) is not null && !AddressRules.IsIp(host))
            return $"\"{host}\" is not a valid hostname or IP address";
        return null;
    }

    public static FieldError? Check(string path, string? address) =>
        address is not null && Problem(address) is { } problem ? FieldError.Invalid(path, address, problem) : null;

    // Go's net.SplitHostPort: host:port, or [ipv6]:port.
    private static bool TrySplit(string address, out string host, out string port)
    {
        host = port = "";
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= address.Length || address[close + 1] != ':')
                return false;
            host = address[1..close];
            port = address[(close + 2)..];
            return true;
        }
        var colon = address.LastIndexOf(':');
        if (colon < 0 || address.IndexOf(':', StringComparison.Ordinal) != colon)
            return false;
        host = address[..colon];
        port = address[(colon + 1)..];
        return true;
    }
}
