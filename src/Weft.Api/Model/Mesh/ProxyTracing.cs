using Weft.Api.Binding;
using Weft.Api.Model.Networking;

namespace Weft.Api.Model.Mesh;

/// <summary>
/// istio.mesh.v1alpha1.Tracing: the proxy's tracer (one of zipkin, lightstep, datadog,
/// stackdriver, openCensusAgent), its sampling and its span tags.
/// </summary>
[WireNullsAreAbsent]
public sealed record ProxyTracing
{
    public TracingZipkin? Zipkin { get; init; }

    /// <summary>Deprecated.</summary>
    public TracingLightstep? Lightstep { get; init; }

    public TracingDatadog? Datadog { get; init; }
    public TracingStackdriver? Stackdriver { get; init; }
    public TracingOpenCensusAgent? OpenCensusAgent { get; init; }
    public IReadOnlyDictionary<string, ProxyTracingCustomTag>? CustomTags { get; init; }

    /// <summary>Longest path tag (256).</summary>
    public uint? MaxPathTagLength { get; init; }

    /// <summary>Percentage of requests sampled (1.0).</summary>
    public double? Sampling { get; init; }

    public ClientTlsSettings? TlsSettings { get; init; }

    /// <summary>Whether Istio's tags are added to spans.</summary>
    public bool? EnableIstioTags { get; init; }

    /// <summary>The tracer fields that are set (one at most).</summary>
    public IReadOnlyList<string> Tracers =>
        new (object? Value, string Name)[]
        {
            (Zipkin, "zipkin"), (Lightstep, "lightstep"), (Datadog, "datadog"), (Stackdriver, "stackdriver"), (OpenCensusAgent, "openCensusAgent"),
        }.Where(t => t.Value is not null).Select(t => t.Name).ToList();
}
