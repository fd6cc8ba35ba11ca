using Weft.Api.Binding;
using Weft.Api.Model.Istio;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>
/// networking.istio.io EnvoyFilter: patches to generated Envoy configuration. Weft validates and
/// stores it, but its patches address Envoy's own objects, which Weft's proxy does not have.
/// </summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilter : SpecObject<EnvoyFilterSpec>;

[WireNullsAreAbsent]
public sealed record EnvoyFilterSpec
{
    public WorkloadLabelSelector? WorkloadSelector { get; init; }
    public IReadOnlyList<PolicyTargetReference>? TargetRefs { get; init; }
    public IReadOnlyList<EnvoyConfigObjectPatch>? ConfigPatches { get; init; }
    public int? Priority { get; init; }
}
