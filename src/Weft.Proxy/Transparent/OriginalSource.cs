using System.Net;
using System.Net.Sockets;

namespace Weft.Proxy.Transparent;

/// <summary>
/// Inbound passthrough that keeps the caller's address, as Istio's TPROXY interception mode does:
/// the connection the sidecar opens to the app leaves from the calling VM's address (a non-local
/// bind, <c>IP_TRANSPARENT</c>) with the mark <see cref="Mark"/> (<c>SO_MARK</c>), so the app sees
/// the real caller instead of the relay. The app's answers go back to the sidecar rather than out
/// to the caller through the workload's policy routing, which <c>weft workload run --isolation
/// netns</c> sets up (<c>NetnsSandbox</c>): mangle OUTPUT saves the mark on the connection and
/// restores it on the app's replies, and <c>ip rule fwmark 1337 lookup 133</c> with
/// <c>local 0.0.0.0/0 dev lo table 133</c> delivers them locally. Needs CAP_NET_ADMIN; without it the
/// connection leaves from the workload's own address as before.
/// </summary>
public static class OriginalSource
{
    /// <summary>Istio's proxy mark (and uid/gid): the rules and the sidecar agree on it.</summary>
    public const int Mark = 1337;

    private const int SolIp = 0;
    private const int SolSocket = 1;
    private const int IpTransparent = 19;   // linux/in.h
    private const int SoMark = 36;          // asm-generic/socket.h

    /// <summary>
    /// A socket for the connection to the app: bound to <paramref name="caller"/> (any port) and
    /// marked, or, when the kernel refuses either (no CAP_NET_ADMIN) or there is no caller to keep,
    /// a plain one (<paramref name="kept"/> false).
    /// </summary>
    public static Socket Open(AddressFamily family, IPAddress? caller, out bool kept)
    {
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        kept = false;
        if (caller is null || caller.AddressFamily != family)
            return socket;
        try
        {
            socket.SetRawSocketOption(SolIp, IpTransparent, BitConverter.GetBytes(1));
            socket.SetRawSocketOption(SolSocket, SoMark, BitConverter.GetBytes(Mark));
            socket.Bind(new IPEndPoint(caller, 0));
            kept = true;
            return socket;
        }
        catch (SocketException)
        {
            // Half configured (a mark without the bind would misroute): start again plain.
            socket.Dispose();
            return new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        }
    }
}
