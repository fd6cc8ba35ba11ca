using System.Globalization;
using System.Net;

namespace Weft.ControlPlane.ClusterIPs;

/// <summary>
/// The IPv4 block weftd allocates Service cluster IPs from (kube-apiserver's
/// <c>--service-cluster-ip-range</c>; weftd's <c>--service-cluster-ip-range</c>, default kubeadm's
/// 10.96.0.0/12). Like the API server it refuses a block larger than a /12, and needs a /29 at least.
/// </summary>
public sealed record ClusterIPRange
{
    public static ClusterIPRange Default { get; } = Parse("10.96.0.0/12", out _)!;

    private ClusterIPRange(uint first, int prefix) => (First, Prefix) = (first, prefix);

    /// <summary>The network address, as a number.</summary>
    public uint First { get; }

    public int Prefix { get; }

    /// <summary>How many addresses the block holds (network and broadcast included).</summary>
    public uint Size => 1u << (32 - Prefix);

    /// <summary>The <paramref name="n"/>th address of the block.</summary>
    public string Address(uint n)
    {
        var v = First + n;
        return $"{v >> 24}.{(v >> 16) & 0xff}.{(v >> 8) & 0xff}.{v & 0xff}";
    }

    /// <summary>The position of an address in the block, or null when it is not an IPv4 address inside it.</summary>
    public uint? Number(string? ip)
    {
        if (ip is null || !IPAddress.TryParse(ip, out var parsed) || parsed.GetAddressBytes() is not [var a, var b, var c, var d])
            return null;
        var v = (uint)(a << 24 | b << 16 | c << 8 | d);
        return v - First < Size ? v - First : null;
    }

    public override string ToString() => $"{Address(0)}/{Prefix.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An IPv4 CIDR block (its host bits are cleared); null with the reason when it is not one weftd can use.</summary>
    public static ClusterIPRange? Parse(string text, out string? error)
    {
        error = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var ip) || ip.GetAddressBytes() is not [var a, var b, var c, var d]
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            error = $"\"{text}\" is not an IPv4 CIDR block (for example 10.96.0.0/12)";
            return null;
        }
        if (prefix is < 12 or > 29)
        {
            error = $"\"{text}\" is {(prefix < 12 ? "larger than a /12, the most a Kubernetes API server allows" : "smaller than a /29: too few addresses for Services")}";
            return null;
        }
        var mask = uint.MaxValue << (32 - prefix);
        return new ClusterIPRange((uint)(a << 24 | b << 16 | c << 8 | d) & mask, prefix);
    }
}
