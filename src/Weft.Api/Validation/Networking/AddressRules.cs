using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// Addresses as Istio reads them (Go's <c>netip</c>): IP addresses, CIDR blocks and Unix domain
/// socket paths (<c>unix:///path</c>, <c>unix://@abstract</c>).
/// </summary>
public static class AddressRules
{
    public const string UnixPrefix = "unix://";

    /// <summary>An IPv4 address in dotted decimal (no leading zeros, as Go insists) or an IPv6 address.</summary>
    public static bool IsIp(string? s)
    {
        if (string.IsNullOrEmpty(s))
            return false;
        if (s.Contains(':', StringComparison.Ordinal))
            return !s.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(s, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        var parts = s.Split('.');
        if (parts.Length != 4)
            return false;
        foreach (var p in parts)
        {
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0') || !p.All(char.IsAsciiDigit))
                return false;
            if (int.Parse(p, CultureInfo.InvariantCulture) > 255)
                return false;
        }
        return true;
    }

    /// <summary>An address and prefix length (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>); host bits may be set.</summary>
    public static bool IsCidr(string? s)
    {
        if (s is null)
            return false;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IsIp(s[..slash]))
            return false;
        var bits = s[(slash + 1)..];
        if (bits.Length is 0 or > 3 || (bits.Length > 1 && bits[0] == '0') || !bits.All(char.IsAsciiDigit))
            return false;
        var max = s[..slash].Contains(':', StringComparison.Ordinal) ? 128 : 32;
        return int.Parse(bits, CultureInfo.InvariantCulture) <= max;
    }

    /// <summary>Istio's ValidateIPAddress.</summary>
    public static string? CheckIp(string address) => IsIp(address) ? null : $"{address} is not a valid IP";

    /// <summary>Istio's ValidateIPSubnet: a CIDR block when it has a '/', else an IP address.</summary>
    public static string? CheckIpSubnet(string subnet) =>
        subnet.Count(c => c == '/') == 1
            ? IsCidr(subnet) ? null : $"{subnet} is not a valid CIDR block"
            : CheckIp(subnet);

    /// <summary>
    /// Istio's ValidateUnixAddress, for what follows <c>unix://</c>: an abstract socket (<c>@name</c>)
    /// or an absolute path to a file.
    /// </summary>
    public static string? CheckUnixPath(string path)
    {
        if (path.Length == 0)
            return "unix address must not be empty";
        if (path.StartsWith('@'))
            return null;
        return !path.StartsWith('/') || path.EndsWith('/') ? $"{path} is not an absolute path to a file" : null;
    }

    public static FieldError? IpSubnet(string path, string subnet) =>
        CheckIpSubnet(subnet) is { } reason ? FieldError.Invalid(path, subnet, reason) : null;

    public static FieldError? Ip(string path, string address) =>
        CheckIp(address) is { } reason ? FieldError.Invalid(path, address, reason) : null;

    /// <summary>A <c>unix://</c> address (the prefix included in <paramref name="address"/>).</summary>
    public static FieldError? Unix(string path, string address) =>
        CheckUnixPath(address[UnixPrefix.Length..]) is { } reason ? FieldError.Invalid(path, address, reason) : null;
}
