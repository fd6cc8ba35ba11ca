using Weft.Api.Binding;
using Weft.Api.Model.Istio;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io DestinationRule: policies for traffic to a host after routing, and its subsets.</summary>
[WireNullsAreAbsent]
public sealed record DestinationRule : SpecObject<DestinationRuleSpec>;

[WireNullsAreAbsent]
public sealed record DestinationRuleSpec
{
    public string? Host { get; init; }
    public TrafficPolicy? TrafficPolicy { get; init; }
    public IReadOnlyList<Subset>? Subsets { get; init; }
    public IReadOnlyList<string>? ExportTo { get; init; }

    /// <summary>Applies the rule only to these workloads' outbound traffic (istio.type WorkloadSelector, <c>matchLabels</c>).</summary>
    public WorkloadSelector? WorkloadSelector { get; init; }
}
