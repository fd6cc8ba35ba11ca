using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io WorkloadGroup: the template WorkloadEntries are made from when workloads register themselves.</summary>
[WireNullsAreAbsent]
public sealed record WorkloadGroup : SpecObject<WorkloadGroupSpec>;

[WireNullsAreAbsent]
public sealed record WorkloadGroupSpec
{
    public WorkloadGroupMetadata? Metadata { get; init; }
    public WorkloadEntrySpec? Template { get; init; }
    public ReadinessProbe? Probe { get; init; }
}
