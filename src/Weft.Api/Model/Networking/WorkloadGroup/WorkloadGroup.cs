using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io WorkloadGroup: the template WorkloadEntries are made from when workloads register themselves.</summary>
public sealed record WorkloadGroup : SpecObject<WorkloadGroupSpec>;

public sealed record WorkloadGroupSpec
{
    public WorkloadGroupMetadata? Metadata { get; init; }
    public WorkloadEntrySpec? Template { get; init; }
    public ReadinessProbe? Probe { get; init; }
}
