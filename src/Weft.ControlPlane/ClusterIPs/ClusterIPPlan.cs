using System.Collections.Immutable;
using Weft.Api.Model.Core;

namespace Weft.ControlPlane.ClusterIPs;

/// <summary>
/// Which core/v1 Services get which cluster IP. A Kubernetes API server allocates a Service's
/// <c>spec.clusterIP</c> when it is created without one, from the service CIDR (kubeadm's default
/// 10.96.0.0/12, <see cref="ClusterIPRange"/>), and the address stays with the Service until it is
/// deleted. weftd does the same
/// (<see cref="ClusterIPWriter"/>), so every sidecar's DNS proxy answers one address per Service
/// and a restart of weftd or a proxy keeps it. Services that get one: type ClusterIP, NodePort or
/// LoadBalancer (not ExternalName) with neither <c>clusterIP</c> nor <c>clusterIPs</c> given;
/// <c>None</c> (headless) and a given address are the user's and never touched.
/// </summary>
public static class ClusterIPPlan
{
    /// <summary>Whether weftd allocates this Service's address (it names none and is not ExternalName).</summary>
    public static bool Wanted(Service svc) =>
        svc.Spec is { } spec && spec.TypeOrDefault != ServiceTypes.ExternalName
        && string.IsNullOrEmpty(spec.ClusterIP) && spec.ClusterIPs is not { Count: > 0 };

    /// <summary>
    /// The address each Service without one gets, oldest first, keyed <c>ns/name</c>: the lowest in
    /// <paramref name="range"/> (default 10.96.0.0/12) that no Service holds, skipping the network
    /// address, the first host (Kubernetes gives it to the API server's own <c>kubernetes</c>
    /// Service) and the broadcast address.
    /// </summary>
    public static ImmutableDictionary<string, string> Plan(IReadOnlyList<Service> oldestFirst, ClusterIPRange? range = null)
    {
        range ??= ClusterIPRange.Default;
        var size = range.Size;
        var used = new HashSet<uint>();
        foreach (var svc in oldestFirst)
        {
            if (range.Number(svc.Spec?.ClusterIP) is { } given)
                used.Add(given);
            foreach (var ip in svc.Spec?.ClusterIPs ?? [])
                if (range.Number(ip) is { } n)
                    used.Add(n);
        }
        var next = 2u;
        var plan = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var svc in oldestFirst)
        {
            if (!Wanted(svc))
                continue;
            while (next < size - 1 && used.Contains(next))
                next++;
            if (next >= size - 1)
                break;   // the block is full: the rest keep a per-proxy address until one is freed
            used.Add(next);
            plan[$"{svc.Namespace}/{svc.Name}"] = range.Address(next);
        }
        return plan.ToImmutable();
    }
}
