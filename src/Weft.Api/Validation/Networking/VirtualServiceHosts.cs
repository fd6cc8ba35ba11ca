using System.Text.RegularExpressions;

namespace Weft.Api.Validation.Networking;

/// <summary>
/// The hosts of a VirtualService. Bound to gateways, a TLS VirtualService may also name the SNI
/// Istio generates for AUTO_PASSTHROUGH (<c>outbound_.80_._.reviews.default.svc.cluster.local</c>).
/// </summary>
internal static partial class VirtualServiceHosts
{
    private const string OutboundFormat = "outbound_.<PORT>_._.<HOSTNAME>";

    public static string? CheckGatewayHost(string host, bool sni)
    {
        if (host.Length == 0)
            return "empty domain name not allowed";
        if (!sni || !host.StartsWith("outbound_", StringComparison.Ordinal))
            return HostRules.CheckWildcardDomain(host);
        var parts = host.Split('_');
        if (parts.Length < 4)
            return $"domain name {host} invalid, should follow '{OutboundFormat}' format";
        var port = parts[1].Trim('.');
        var hostname = parts[3].Trim('.');
        if (!HasDigit().IsMatch(port))
            return $"domain name \"{host}\" invalid (label \"{port}\" invalid). should follow {OutboundFormat} format";
        if (!HasLetter().IsMatch(hostname))
            return $"domain name \"{host}\" invalid (label \"{hostname}\" invalid). should follow {OutboundFormat} format";
        return null;
    }

    [GeneratedRegex("[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex HasDigit();

    [GeneratedRegex("[a-zA-Z]", RegexOptions.CultureInvariant)]
    private static partial Regex HasLetter();
}
