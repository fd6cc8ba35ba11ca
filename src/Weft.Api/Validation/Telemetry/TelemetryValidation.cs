namespace Weft.Api.Validation.Telemetry;

/// <summary>The semantic validators of this API group.</summary>
public static class TelemetryValidation
{
    public static IEnumerable<IKindValidator> All => [];
}
