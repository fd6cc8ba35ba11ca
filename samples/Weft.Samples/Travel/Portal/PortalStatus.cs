using System.Text.Json.Serialization;

namespace Weft.Samples.Travel.Portal;

/// <summary>
/// <c>GET /status</c> of a portal (and each entry of the control's <c>GET /status</c>):
/// <c>{"name","coordinates":[lon,lat],"country","settings","status"}</c>.
/// </summary>
public sealed record PortalStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("coordinates")] double[] Coordinates,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("settings")] PortalSettings Settings,
    [property: JsonPropertyName("status")] PortalActivity Status);
