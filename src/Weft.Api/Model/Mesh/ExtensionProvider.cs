using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>
/// MeshConfig.ExtensionProvider: a named backend (tracing, metrics, access logs, external
/// authorization, SDS) that Telemetry and AuthorizationPolicy refer to. Exactly one provider field is set.
/// </summary>
[WireNullsAreAbsent]
public sealed record ExtensionProvider
{
    public string? Name { get; init; }

    public EnvoyExternalAuthorizationHttpProvider? EnvoyExtAuthzHttp { get; init; }
    public EnvoyExternalAuthorizationGrpcProvider? EnvoyExtAuthzGrpc { get; init; }
    public ZipkinTracingProvider? Zipkin { get; init; }

    /// <summary>Deprecated: Lightstep now takes OpenTelemetry.</summary>
    public LightstepTracingProvider? Lightstep { get; init; }

    public DatadogTracingProvider? Datadog { get; init; }
    public StackdriverProvider? Stackdriver { get; init; }

    /// <summary>Deprecated: OpenCensus is sunset.</summary>
    public OpenCensusAgentTracingProvider? Opencensus { get; init; }

    public SkyWalkingTracingProvider? Skywalking { get; init; }
    public OpenTelemetryTracingProvider? Opentelemetry { get; init; }
    public PrometheusMetricsProvider? Prometheus { get; init; }
    public EnvoyFileAccessLogProvider? EnvoyFileAccessLog { get; init; }
    public EnvoyHttpGrpcV3LogProvider? EnvoyHttpAls { get; init; }
    public EnvoyTcpGrpcV3LogProvider? EnvoyTcpAls { get; init; }
    public EnvoyOpenTelemetryLogProvider? EnvoyOtelAls { get; init; }

    /// <summary>A Secret Discovery Service that serves credentials named <c>sds://NAME</c>.</summary>
    public SdsProvider? Sds { get; init; }

    /// <summary>The wire names of the provider fields that are set (one, in a valid provider).</summary>
    public IReadOnlyList<string> Kinds
    {
        get
        {
            var kinds = new List<string>(1);
            void Add(object? p, string name)
            {
                if (p is not null)
                    kinds.Add(name);
            }
            Add(EnvoyExtAuthzHttp, "envoyExtAuthzHttp");
            Add(EnvoyExtAuthzGrpc, "envoyExtAuthzGrpc");
            Add(Zipkin, "zipkin");
            Add(Lightstep, "lightstep");
            Add(Datadog, "datadog");
            Add(Stackdriver, "stackdriver");
            Add(Opencensus, "opencensus");
            Add(Skywalking, "skywalking");
            Add(Opentelemetry, "opentelemetry");
            Add(Prometheus, "prometheus");
            Add(EnvoyFileAccessLog, "envoyFileAccessLog");
            Add(EnvoyHttpAls, "envoyHttpAls");
            Add(EnvoyTcpAls, "envoyTcpAls");
            Add(EnvoyOtelAls, "envoyOtelAls");
            Add(Sds, "sds");
            return kinds;
        }
    }
}
