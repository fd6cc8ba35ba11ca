using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Tracing.OpenCensusAgent.</summary>
[WireNullsAreAbsent]
public sealed record TracingOpenCensusAgent
{
    /// <summary>gRPC target of the agent (dns://authority/host:port or unix:path).</summary>
    public string? Address { get; init; }
    public IReadOnlyList<TraceContext>? Context { get; init; }
}
