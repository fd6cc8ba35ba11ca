using Weft.Api.Kinds;

namespace Weft.Api.Model.Telemetry;

/// <summary>The kinds of telemetry.istio.io known to Weft.</summary>
public static class TelemetryKinds
{
    public const string Group = "telemetry.istio.io";

    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Of<Telemetry>(Group, "Telemetry", "telemetries", ["v1", "v1alpha1"], ["telemetry"]),
    ];
}
