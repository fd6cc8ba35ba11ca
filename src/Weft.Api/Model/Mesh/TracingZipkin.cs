using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Tracing.Zipkin.</summary>
[WireNullsAreAbsent]
public sealed record TracingZipkin
{
    /// <summary>HOST:PORT of the collector.</summary>
    public string? Address { get; init; }
}
