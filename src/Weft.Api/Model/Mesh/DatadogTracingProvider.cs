using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>A Datadog agent.</summary>
[WireNullsAreAbsent]
public sealed record DatadogTracingProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public uint? MaxTagLength { get; init; }
}
