using System.Collections.Immutable;

namespace Weft.Discovery.Telemetry;

/// <summary>
/// One finished span as OTLP carries it (the fields Weft writes and reads): ids as lowercase hex,
/// times in Unix nanoseconds, string attributes. The proxy exports these; weftd's trace store keeps them.
/// </summary>
public sealed record OtlpSpan
{
    /// <summary>The <c>service.name</c> resource attribute of the reporter (Istio: <c>app.namespace</c>).</summary>
    public required string Service { get; init; }

    public required string TraceId { get; init; }

    public required string SpanId { get; init; }

    public string? ParentSpanId { get; init; }

    public required string Name { get; init; }

    /// <summary>OTLP SpanKind: 2 server, 3 client.</summary>
    public int Kind { get; init; }

    public long StartUnixNano { get; init; }

    public long EndUnixNano { get; init; }

    /// <summary>OTLP status code: 0 unset, 1 ok, 2 error.</summary>
    public int StatusCode { get; init; }

    public ImmutableArray<KeyValuePair<string, string>> Attributes { get; init; } = [];
}
