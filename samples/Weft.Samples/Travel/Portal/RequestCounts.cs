using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Portal;

/// <summary>How many requests a portal made, in total and by device, user and travel type.</summary>
public sealed record RequestCounts(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("devices")] DeviceCounts Devices,
    [property: JsonPropertyName("users")] UserCounts Users,
    [property: JsonPropertyName("travel_type")] TravelTypeCounts TravelType)
{
    public static RequestCounts Zero { get; } = new(0, new(0, 0), new(0, 0), new(0, 0, 0));
}
