using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>The Dynatrace sampler of an OpenTelemetry provider.</summary>
[WireNullsAreAbsent]
public sealed record DynatraceSampler
{
    public string? Tenant { get; init; }
    public int? ClusterId { get; init; }
    public DynatraceApi? HttpService { get; init; }
    public uint? RootSpansPerMinute { get; init; }
}
