using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Weft.Proxy.Transparent;

/// <summary>
/// Where a connection redirected by iptables REDIRECT was going: <c>getsockopt(SOL_IP,
/// SO_ORIGINAL_DST)</c> on the accepted socket (<c>SOL_IPV6, IP6T_SO_ORIGINAL_DST</c> for IPv6),
/// read from the connection's conntrack entry, as Envoy's original_dst listener filter does.
/// </summary>
public static class OriginalDestination
{
    private const int SolIp = 0;
    private const int SolIpv6 = 41;
    /// <summary>SO_ORIGINAL_DST and IP6T_SO_ORIGINAL_DST share the number (linux/netfilter_ipv4.h, netfilter_ipv6/ip6_tables.h).</summary>
    private const int SoOriginalDst = 80;

    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the project; a byte array marshals pinned as it is.
    private static extern int GetSockOpt(nint fd, int level, int name, byte[] value, ref uint length);
#pragma warning restore SYSLIB1054

    /// <summary>The original destination, or null when the socket was not redirected (no conntrack NAT entry).</summary>
    public static IPEndPoint? Of(Socket socket)
    {
        var v6 = socket.AddressFamily == AddressFamily.InterNetworkV6 && socket.LocalEndPoint is IPEndPoint { Address.IsIPv4MappedToIPv6: false };
        var buffer = new byte[28];
        var length = (uint)buffer.Length;
        if (GetSockOpt(socket.Handle, v6 ? SolIpv6 : SolIp, SoOriginalDst, buffer, ref length) != 0)
            return null;
        // sockaddr_in / sockaddr_in6: family (host order), port (network order), then the address.
        var port = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2));
        var address = v6 ? new IPAddress(buffer.AsSpan(8, 16)) : new IPAddress(buffer.AsSpan(4, 4));
        return new IPEndPoint(address, port);
    }
}
