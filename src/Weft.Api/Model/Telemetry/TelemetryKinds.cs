using Weft.Api.Kinds;

namespace Weft.Api.Model.Telemetry;

/// <summary>The kinds of this API group known to Weft.</summary>
public static class TelemetryKinds
{
    public static IEnumerable<KindInfo> All => [];
}
