using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>
/// networking.v1alpha3.WorkloadSelector (ServiceEntry, Sidecar, EnvoyFilter): workloads by their
/// labels. Unlike istio.type.v1beta1.WorkloadSelector its field is <c>labels</c>, not <c>matchLabels</c>.
/// </summary>
[WireNullsAreAbsent]
public sealed record WorkloadLabelSelector
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
