namespace Weft.Api.Model.Telemetry;

/// <summary>AccessLogging.LogSelector: the side of a call access logging applies to.</summary>
public sealed record LogSelector
{
    public WorkloadMode? Mode { get; init; }
}
