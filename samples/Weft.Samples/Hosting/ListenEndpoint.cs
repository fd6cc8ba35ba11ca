using System.Globalization;
using System.Net;

namespace Weft.Samples.Hosting;

/// <summary>
/// Where a sample listens, and which setting said so. Weft's workload runner passes HOST and
/// PORT; the demo's manifests pass LISTEN_ADDRESS (Go syntax, <c>:8000</c> meaning every
/// interface); <c>--port</c> is for a person at a shell. Unset, a sample listens on 127.0.0.1
/// and its demo port, so nothing is exposed beyond the machine unless asked.
/// A null <see cref="Address"/> means every interface (LISTEN_ADDRESS <c>:8000</c>, HOST <c>0.0.0.0</c> or <c>::</c>).
/// </summary>
public sealed record ListenEndpoint(IPAddress? Address, int Port, string Source)
{
    public static ListenEndpoint Resolve(EnvReader env, int? argumentPort, int defaultPort)
    {
        IPAddress? listenHost = IPAddress.Loopback;
        int? listenPort = null;
        var hostSource = "defaults";
        var portSource = "defaults";

        if (env.Text("LISTEN_ADDRESS") is { } la)
        {
            var colon = la.LastIndexOf(':');
            var hostPart = colon < 0 ? la : la[..colon];
            var portPart = colon < 0 ? "" : la[(colon + 1)..];
            if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535)
                env.Fail($"LISTEN_ADDRESS={la}: expected [host]:port, e.g. :8000 or 127.0.0.1:8000");
            else
            {
                listenPort = p;
                portSource = "LISTEN_ADDRESS";
                hostPart = hostPart.Trim('[', ']');
                if (hostPart.Length == 0)
                {
                    listenHost = null;
                    hostSource = "LISTEN_ADDRESS";
                }
                else if (ParseHost(hostPart) is { } parsed)
                {
                    listenHost = parsed.Any ? null : parsed.Address;
                    hostSource = "LISTEN_ADDRESS";
                }
                else
                    env.Fail($"LISTEN_ADDRESS={la}: '{hostPart}' is not an IP address or localhost");
            }
        }
        if (argumentPort is { } ap && env.Text("PORT") is null)
        {
            listenPort = ap;
            portSource = "--port";
        }
        if (env.Text("HOST") is { } host)
        {
            if (ParseHost(host) is { } parsed)
            {
                listenHost = parsed.Any ? null : parsed.Address;
                hostSource = "HOST";
            }
            else
                env.Fail($"HOST={host}: expected an IP address (or localhost) to listen on");
        }
        if (env.Text("PORT") is not null)
        {
            listenPort = env.Int("PORT", listenPort ?? defaultPort, 0, 65535);
            portSource = "PORT";
        }
        var source = hostSource == portSource ? $"from {hostSource}" : $"host from {hostSource}, port from {portSource}";
        return new ListenEndpoint(listenHost, listenPort ?? defaultPort, source);
    }

    private static (IPAddress Address, bool Any)? ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return (IPAddress.Loopback, false);
        if (!IPAddress.TryParse(host, out var ip))
            return null;
        return (ip, ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
    }

    public override string ToString() => Address is null
        ? string.Create(CultureInfo.InvariantCulture, $"*:{Port}")
        : new IPEndPoint(Address, Port).ToString();
}
