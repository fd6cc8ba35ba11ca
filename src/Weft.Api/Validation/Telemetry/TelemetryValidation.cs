namespace Weft.Api.Validation.Telemetry;

/// <summary>The semantic validators of telemetry.istio.io.</summary>
public static class TelemetryValidation
{
    public static IEnumerable<IKindValidator> All => [new TelemetryValidator()];
}
