using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io WorkloadEntry: a workload outside Kubernetes (a VM, a process) in the mesh.</summary>
[WireNullsAreAbsent]
public sealed record WorkloadEntry : SpecObject<WorkloadEntrySpec>;

/// <summary>
/// A workload's address, ports, labels and identity. Also the shape of a ServiceEntry endpoint
/// and of a WorkloadGroup template.
/// </summary>
[WireNullsAreAbsent]
public sealed record WorkloadEntrySpec
{
    /// <summary>An IP, a DNS name, or <c>unix:///path</c> / <c>unix://@abstract</c>.</summary>
    public string? Address { get; init; }

    /// <summary>Port name (of the service) to the workload's port number.</summary>
    public IReadOnlyDictionary<string, uint>? Ports { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public string? Network { get; init; }

    /// <summary><c>region/zone/subzone</c>.</summary>
    public string? Locality { get; init; }

    public uint? Weight { get; init; }
    public string? ServiceAccount { get; init; }
}
