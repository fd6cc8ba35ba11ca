namespace Weft.ControlPlane.Telemetry;

/// <summary>
/// One series over a window: its per-second rate and how much it grew, whether computed from
/// weftd's own rings or answered by a Prometheus (<c>rate(x[window])</c>; increase = rate × window).
/// </summary>
public readonly record struct SeriesSample(SeriesInfo Info, double Rate, double Increase);
