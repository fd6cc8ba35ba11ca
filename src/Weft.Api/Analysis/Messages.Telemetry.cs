namespace Weft.Api.Analysis;

/// <summary>
/// Messages about Telemetry resources.
/// </summary>
public static partial class Messages
{
    public static readonly MessageType InvalidTelemetryProvider = new("IST0157", "InvalidTelemetryProvider", MessageLevel.Warning, "The Telemetry {0} in namespace {1:q} with empty providers will be ignored.");
    public static readonly MessageType ConflictingTelemetryWorkloadSelectors = new("IST0159", "ConflictingTelemetryWorkloadSelectors", MessageLevel.Error, "The Telemetries {0} in namespace {1:q} select the same workload pod {2:q}, which can lead to undefined behavior.");
    public static readonly MessageType MultipleTelemetriesWithoutWorkloadSelectors = new("IST0160", "MultipleTelemetriesWithoutWorkloadSelectors", MessageLevel.Error, "The Telemetries {0} in namespace {1:q} have no workload selector, which can lead to undefined behavior.");
}
