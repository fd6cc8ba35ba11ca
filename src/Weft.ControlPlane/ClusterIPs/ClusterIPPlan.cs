using System.Collections.Immutable;
using System.Net;
using Weft.Api.Model.Core;

namespace Weft.ControlPlane.ClusterIPs;

/// <summary>
/// Which core/v1 Services get which cluster IP. A Kubernetes API server allocates a Service's
/// <c>spec.clusterIP</c> when it is created without one, from the service CIDR (kubeadm's default
/// 10.96.0.0/12), and the address stays with the Service until it is deleted. weftd does the same
/// (<see cref="ClusterIPWriter"/>), so every sidecar's DNS proxy answers one address per Service
/// and a restart of weftd or a proxy keeps it. Services that get one: type ClusterIP, NodePort or
/// LoadBalancer (not ExternalName) with neither <c>clusterIP</c> nor <c>clusterIPs</c> given;
/// <c>None</c> (headless) and a given address are the user's and never touched.
/// </summary>
public static class ClusterIPPlan
{
    public const string Range = "10.96.0.0/12";

    private const uint First = 0x0A60_0000;   // 10.96.0.0
    private const uint Size = 1u << 20;        // a /12

    /// <summary>Whether weftd allocates this Service's address (it names none and is not ExternalName).</summary>
    public static bool Wanted(Service svc) =>
        svc.Spec is { } spec && spec.TypeOrDefault != ServiceTypes.ExternalName
        && string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs is not { Count: > 0 };

    /// <summary>
    /// The address each Service without one gets, oldest first, keyed <c>ns/name</c>: the lowest in
    /// <see cref="Range"/> that no Service holds, skipping 10.96.0.0 (the network) and 10.96.0.1
    /// (Kubernetes gives it to the API server's own <c>kubernetes</c> Service).
    /// </summary>
    public static ImmutableDictionary<string, string> Plan(IReadOnlyList<Service> oldestFirst)
    {
        var used = new HashSet<uint>();
        foreach (var svc in oldestFirst)
        {
            if (Number(svc.Spec?.ClusterIP) is { } given)
                used.Add(given);
            foreach (var ip in svc.Spec?.ClusterIPs ?? [])
                if (Number(ip) is { } n)
                    used.Add(n);
        }
        var next = 2u;
        var plan = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var svc in oldestFirst)
        {
            if (!Wanted(svc))
                continue;
            while (next < Size - 1 && used.Contains(next))
                next++;
            if (next >= Size - 1)
                break;   // a million Services: the rest keep a per-proxy address
            used.Add(next);
            plan[$"{svc.Namespace}/{svc.Name}"] = Address(next);
        }
        return plan.ToImmutable();
    }

    /// <summary>The dotted form of the <paramref name="n"/>th address of the range.</summary>
    public static string Address(uint n)
    {
        var v = First + n;
        return $"{v >> 24}.{(v >> 16) & 0xff}.{(v >> 8) & 0xff}.{v & 0xff}";
    }

    /// <summary>The position of an address in the range, or null when it is not an IPv4 address inside it.</summary>
    private static uint? Number(string? ip)
    {
        if (ip is null || !IPAddress.TryParse(ip, out var parsed) || parsed.GetAddressBytes() is not [var a, var b, var c, var d])
            return null;
        var v = (uint)(a << 24 | b << 16 | c << 8 | d);
        return v - First < Size ? v - First : null;
    }
}
