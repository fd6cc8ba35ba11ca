using Weft.Api.Binding;
using Weft.Api.Model.Istio;
using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Networking;

/// <summary>networking.istio.io ProxyConfig: per-workload proxy settings (worker threads, environment, image).</summary>
[WireNullsAreAbsent]
public sealed record ProxyConfig : SpecObject<ProxyConfigSpec>;

[WireNullsAreAbsent]
public sealed record ProxyConfigSpec
{
    /// <summary>The workloads (istio.type WorkloadSelector, <c>matchLabels</c>); none means the whole namespace.</summary>
    public WorkloadSelector? Selector { get; init; }

    public int? Concurrency { get; init; }
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }
    public ProxyImage? Image { get; init; }
}
