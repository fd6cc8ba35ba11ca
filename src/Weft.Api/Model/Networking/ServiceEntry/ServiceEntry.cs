using Weft.Api.Binding;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io ServiceEntry: adds a service (external or in-mesh) to the mesh's registry.</summary>
[WireNullsAreAbsent]
public sealed record ServiceEntry : SpecObject<ServiceEntrySpec>;

[WireNullsAreAbsent]
public sealed record ServiceEntrySpec
{
    public IReadOnlyList<string>? Hosts { get; init; }
    public IReadOnlyList<string>? Addresses { get; init; }
    public IReadOnlyList<ServicePort>? Ports { get; init; }
    public ServiceEntryLocation? Location { get; init; }
    public ServiceEntryResolution? Resolution { get; init; }
    public IReadOnlyList<WorkloadEntrySpec>? Endpoints { get; init; }
    public WorkloadLabelSelector? WorkloadSelector { get; init; }
    public IReadOnlyList<string>? ExportTo { get; init; }
    public IReadOnlyList<string>? SubjectAltNames { get; init; }
}
