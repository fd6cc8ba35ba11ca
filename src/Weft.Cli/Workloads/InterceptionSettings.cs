using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace Weft.Cli.Workloads;

/// <summary>
/// What a workload's <c>traffic.sidecar.istio.io/*</c> annotations ask of its interception, as
/// istio-iptables reads them from a pod: which outbound destinations (IP ranges, ports) and which
/// inbound ports go through the sidecar. <c>*</c> means all; an empty include list means none.
/// Parsed once; <see cref="Parse"/> reports every malformed value with the annotation it came from.
/// </summary>
public sealed record InterceptionSettings
{
    public const string IncludeOutboundIPRanges = "traffic.sidecar.istio.io/includeOutboundIPRanges";
    public const string ExcludeOutboundIPRanges = "traffic.sidecar.istio.io/excludeOutboundIPRanges";
    public const string ExcludeOutboundPorts = "traffic.sidecar.istio.io/excludeOutboundPorts";
    public const string IncludeInboundPorts = "traffic.sidecar.istio.io/includeInboundPorts";
    public const string ExcludeInboundPorts = "traffic.sidecar.istio.io/excludeInboundPorts";

    public static InterceptionSettings Default { get; } = new();

    /// <summary>Outbound ranges sent to the sidecar; null: all (<c>*</c>, istio-iptables' default).</summary>
    public ImmutableArray<string>? OutboundRanges { get; init; }

    public ImmutableArray<string> ExcludedOutboundRanges { get; init; } = [];

    public ImmutableArray<int> ExcludedOutboundPorts { get; init; } = [];

    /// <summary>Inbound ports sent to the sidecar; null: all (<c>*</c>) but the excluded ones.</summary>
    public ImmutableArray<int>? InboundPorts { get; init; }

    public ImmutableArray<int> ExcludedInboundPorts { get; init; } = [];

    /// <summary>The settings the annotations give; <paramref name="errors"/> gets one line per bad value.</summary>
    public static InterceptionSettings Parse(IReadOnlyDictionary<string, string> annotations, List<string> errors)
    {
        string? Get(string key) => annotations.TryGetValue(key, out var v) ? v.Trim() : null;
        var include = Get(IncludeOutboundIPRanges);
        var inbound = Get(IncludeInboundPorts);
        return new InterceptionSettings
        {
            OutboundRanges = include is null or "*" ? null : Ranges(include, IncludeOutboundIPRanges, errors),
            ExcludedOutboundRanges = Ranges(Get(ExcludeOutboundIPRanges), ExcludeOutboundIPRanges, errors),
            ExcludedOutboundPorts = Ports(Get(ExcludeOutboundPorts), ExcludeOutboundPorts, errors),
            InboundPorts = inbound is null or "*" ? null : Ports(inbound, IncludeInboundPorts, errors),
            ExcludedInboundPorts = Ports(Get(ExcludeInboundPorts), ExcludeInboundPorts, errors),
        };
    }

    private static IEnumerable<string> Items(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>CIDR ranges (<c>10.0.0.0/8</c>) or single IPv4 addresses (taken as /32), normalised to their network address.</summary>
    private static ImmutableArray<string> Ranges(string? text, string annotation, List<string> errors)
    {
        var list = ImmutableArray.CreateBuilder<string>();
        foreach (var item in Items(text))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var length = 32;
            if (!IPAddress.TryParse(slash < 0 ? item : item[..slash], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
                || (slash >= 0 && (!int.TryParse(item.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > 32)))
            {
                errors.Add($"annotation {annotation}: \"{item}\" is not an IPv4 address or CIDR range (expected ADDR or ADDR/0-32, as in 10.0.0.0/8)");
                continue;
            }
            var bits = length == 0 ? 0u : uint.MaxValue << (32 - length);
            var b = ip.GetAddressBytes();
            var network = ((uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3]) & bits;
            list.Add(string.Create(CultureInfo.InvariantCulture, $"{network >> 24}.{(network >> 16) & 0xff}.{(network >> 8) & 0xff}.{network & 0xff}/{length}"));
        }
        return list.ToImmutable();
    }

    private static ImmutableArray<int> Ports(string? text, string annotation, List<string> errors)
    {
        var list = ImmutableArray.CreateBuilder<int>();
        foreach (var item in Items(text))
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
                list.Add(port);
            else
                errors.Add($"annotation {annotation}: \"{item}\" is not a port (expected 1 to 65535)");
        }
        return list.ToImmutable();
    }
}
