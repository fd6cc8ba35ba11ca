using System.Collections.Immutable;
using System.Net;
using Weft.Api.Documents;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation.Egress;

/// <summary>
/// Mesh-wide addresses for ServiceEntries that declare none (Istio's IP auto-allocation,
/// <c>ISTIO_META_DNS_AUTO_ALLOCATE</c>, which since 1.23 istiod records in the entry's
/// <c>status.addresses</c>): one from 240.240.0.0/16 per host, chosen once by weftd
/// (<c>Egress/ServiceEntryAddressWriter</c>) and stored with the entry, so every proxy's DNS proxy
/// answers the same address and a restart of weftd or a proxy keeps it. Entries that get one:
/// no <c>spec.addresses</c>, resolution DNS, DNS_ROUND_ROBIN or STATIC (NONE forwards to the
/// address the client dialled, which must be real), and hosts without wildcards.
/// </summary>
public static class AutoAddresses
{
    public const string Range = "240.240.0.0/16";

    /// <summary>An allocated address of one host of a ServiceEntry.</summary>
    public sealed record Assigned(string Host, string Address);

    public static bool Eligible(ServiceEntry se, string host) =>
        se.Spec is { } spec && spec.Addresses is not { Count: > 0 } && !host.Contains('*', StringComparison.Ordinal)
        && (spec.Resolution ?? ServiceEntryResolution.None) is ServiceEntryResolution.Dns or ServiceEntryResolution.DnsRoundRobin or ServiceEntryResolution.Static;

    /// <summary>The addresses the entry's status records, by host (lower case).</summary>
    public static ImmutableDictionary<string, string> Of(ServiceEntry se)
    {
        var found = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        if ((se.Status?.Node as MapNode)?["addresses"] is not SeqNode addresses)
            return found.ToImmutable();
        foreach (var a in addresses.Items.OfType<MapNode>())
            if (a.GetString("host") is { Length: > 0 } host && a.GetString("value") is { } value && InRange(value))
                found[host.ToLowerInvariant()] = value;
        return found.ToImmutable();
    }

    /// <summary>
    /// What each entry's status should say, oldest entry first: an address already recorded stays
    /// (the first entry recording it keeps it if two do), a new eligible host gets the lowest free
    /// one, a host no longer eligible loses its. Only entries whose answer differs from their
    /// status are returned, keyed <c>ns/name</c>.
    /// </summary>
    public static ImmutableDictionary<string, ImmutableArray<Assigned>> Plan(IReadOnlyList<ServiceEntry> oldestFirst)
    {
        var used = new HashSet<uint>();
        var kept = new Dictionary<ServiceEntry, Dictionary<string, string>>();
        foreach (var se in oldestFirst)
        {
            var mine = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (host, address) in Of(se))
                if ((se.Spec?.Hosts ?? []).Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase)) && Eligible(se, host) && used.Add(Number(address)))
                    mine[host] = address;
            kept[se] = mine;
        }
        var next = 1u;
        var changes = ImmutableDictionary.CreateBuilder<string, ImmutableArray<Assigned>>(StringComparer.Ordinal);
        foreach (var se in oldestFirst)
        {
            var list = ImmutableArray.CreateBuilder<Assigned>();
            foreach (var h in (se.Spec?.Hosts ?? []).Select(h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
            {
                if (!Eligible(se, h))
                    continue;
                if (!kept[se].TryGetValue(h, out var address))
                {
                    while (used.Contains(next) || (next & 0xff) == 0 || (next & 0xff) == 0xff)
                        next++;
                    if (next > 0xfffe)
                        break;   // 65,000 hosts: the rest keep a per-proxy address
                    used.Add(next);
                    address = $"240.240.{next >> 8}.{next & 0xff}";
                }
                list.Add(new Assigned(h, address));
            }
            var wanted = list.ToImmutable();
            var current = Of(se);
            if (current.Count != wanted.Length || wanted.Any(a => !current.TryGetValue(a.Host, out var v) || v != a.Address))
                changes[$"{se.Namespace}/{se.Name}"] = wanted;
        }
        return changes.ToImmutable();
    }

    private static bool InRange(string value) =>
        IPAddress.TryParse(value, out var ip) && ip.GetAddressBytes() is [240, 240, _, _];

    private static uint Number(string address)
    {
        var b = IPAddress.Parse(address).GetAddressBytes();
        return (uint)(b[2] << 8 | b[3]);
    }
}
