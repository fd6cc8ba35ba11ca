using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>A Zipkin collector.</summary>
[WireNullsAreAbsent]
public sealed record ZipkinTracingProvider
{
    public string? Service { get; init; }
    public uint? Port { get; init; }
    public uint? MaxTagLength { get; init; }
    public bool? Enable64bitTraceId { get; init; }

    /// <summary>The collector's endpoint path (/api/v2/spans).</summary>
    public string? Path { get; init; }

    public ZipkinTraceContextOption? TraceContextOption { get; init; }
    public Duration? Timeout { get; init; }
    public IReadOnlyList<ProviderHttpHeader>? Headers { get; init; }
}
