using System.Collections.Immutable;
using Weft.Api.Model.Networking;

namespace Weft.ControlPlane.Translation;

/// <summary>
/// One service of the registry, whichever resource declared it (Istio's model.Service): a core
/// Service (<c>NAME.NS.svc.cluster.local</c>, selecting WorkloadEntries of its namespace) or one
/// host of a ServiceEntry.
/// </summary>
public sealed record MeshService
{
    public required string Hostname { get; init; }
    public required string Namespace { get; init; }
    /// <summary>The declaring object's name (Service name or ServiceEntry name).</summary>
    public required string Name { get; init; }
    public required ImmutableArray<MeshServicePort> Ports { get; init; }
    public required Visibility ExportTo { get; init; }
    /// <summary>Labels a WorkloadEntry of <see cref="Namespace"/> must carry to be an endpoint; null: selects none.</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }
    /// <summary>Endpoints written into a ServiceEntry.</summary>
    public ImmutableArray<WorkloadInstance> InlineEndpoints { get; init; } = [];
    public ServiceEntryResolution Resolution { get; init; } = ServiceEntryResolution.Static;
    public bool MeshExternal { get; init; }
    /// <summary>A ServiceEntry's <c>addresses</c> that are single IPs (its VIPs): clients may call the service by them too.</summary>
    public ImmutableArray<string> Addresses { get; init; } = [];
    /// <summary>A ServiceEntry's <c>addresses</c> that are CIDR ranges: TCP connections to an IP in one reach the service (Egress/AddressRangeChains).</summary>
    public ImmutableArray<string> AddressRanges { get; init; } = [];
    /// <summary>The host's mesh-wide address weftd allocated (a ServiceEntry's <c>status.addresses</c>, Egress/AutoAddresses; a Service's <c>spec.clusterIP</c>, ClusterIPs/); null: none.</summary>
    public string? AutoAddress { get; init; }
    /// <summary><c>Service</c> or <c>ServiceEntry</c>.</summary>
    public required string Source { get; init; }

    /// <summary>True for a Kubernetes-style name (<c>NAME.NS.svc.DOMAIN</c>), which clients may also call by short names.</summary>
    public bool IsKubernetesService => Source == "Service";

    public MeshServicePort? Port(int number)
    {
        foreach (var p in Ports)
            if (p.Port == number)
                return p;
        return null;
    }
}
