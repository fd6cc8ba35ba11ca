using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>An OpenCensus agent (deprecated).</summary>
[WireNullsAreAbsent]
public sealed record OpenCensusAgentTracingProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public IReadOnlyList<TraceContext>? Context { get; init; }
    public uint? MaxTagLength { get; init; }
}
