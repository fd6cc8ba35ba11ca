namespace Weft.Api.Model.Telemetry;

/// <summary>Tracing: which provider receives spans, how often requests are sampled and which tags spans carry.</summary>
public sealed record Tracing
{
    public TracingSelector? Match { get; init; }

    /// <summary>One provider is supported; absent means MeshConfig defaultProviders.tracing.</summary>
    public IReadOnlyList<ProviderRef>? Providers { get; init; }

    /// <summary>Percentage (0-100) of requests sampled when the caller made no decision.</summary>
    public double? RandomSamplingPercentage { get; init; }

    /// <summary>Stops reporting spans to the provider; trace context still propagates.</summary>
    public bool? DisableSpanReporting { get; init; }

    /// <summary>Sample on the x-request-id (so the same request is sampled everywhere).</summary>
    public bool? UseRequestIdForTraceSampling { get; init; }

    /// <summary>Whether Istio's own tags (istio.canonical_service, ...) are added to spans.</summary>
    public bool? EnableIstioTags { get; init; }

    /// <summary>Stops propagating trace headers (traceparent, x-b3-*) while still reporting spans.</summary>
    public bool? DisableContextPropagation { get; init; }

    /// <summary>Extra span tags, by tag name.</summary>
    public IReadOnlyDictionary<string, CustomTag>? CustomTags { get; init; }
}
