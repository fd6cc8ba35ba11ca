using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>DynatraceSampler.DynatraceApi: the Dynatrace API the sampler reads its configuration from.</summary>
[WireNullsAreAbsent]
public sealed record DynatraceApi
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public ProviderHttpService? Http { get; init; }
}
