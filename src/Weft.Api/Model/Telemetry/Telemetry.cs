using Weft.Api.Model.Meta;

namespace Weft.Api.Model.Telemetry;

/// <summary>
/// telemetry.istio.io Telemetry: the metrics, traces and access logs the selected workloads
/// produce. Workload settings override namespace settings, which override the root namespace's.
/// </summary>
public sealed record Telemetry : SpecObject<TelemetrySpec>;
