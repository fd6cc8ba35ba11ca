using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Tracing.Datadog.</summary>
[WireNullsAreAbsent]
public sealed record TracingDatadog
{
    public string? Address { get; init; }
}
