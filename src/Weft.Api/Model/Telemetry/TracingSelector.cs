namespace Weft.Api.Model.Telemetry;

/// <summary>TracingSelector: the side of a call a tracing setting applies to.</summary>
public sealed record TracingSelector
{
    public WorkloadMode? Mode { get; init; }
}
