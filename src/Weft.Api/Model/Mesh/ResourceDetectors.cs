using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>OpenTelemetry resource detectors: where span resource attributes come from (present means enabled).</summary>
[WireNullsAreAbsent]
public sealed record ResourceDetectors
{
    /// <summary>Reads OTEL_RESOURCE_ATTRIBUTES.</summary>
    public EnvironmentResourceDetector? Environment { get; init; }

    /// <summary>Reads Dynatrace's enrichment files.</summary>
    public DynatraceResourceDetector? Dynatrace { get; init; }
}
