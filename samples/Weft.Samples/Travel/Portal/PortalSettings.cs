using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Weft.Samples.Http;

namespace Weft.Samples.Travel.Portal;

/// <summary>
/// How a portal generates load: <c>request_ratio</c> (0..100) sets the pause between two
/// quotes, the other members the mix of devices, users and travel types (shares, any scale).
/// </summary>
public sealed record PortalSettings(
    [property: JsonPropertyName("request_ratio")] int RequestRatio,
    [property: JsonPropertyName("devices")] DeviceCounts Devices,
    [property: JsonPropertyName("users")] UserCounts Users,
    [property: JsonPropertyName("travel_type")] TravelTypeCounts TravelType)
{
    /// <summary>The demo's pause at request_ratio 0, and the floor that protects the agency from very high ratios.</summary>
    public const int MaxPauseMilliseconds = 15000;

    public const int MinPauseMilliseconds = 750;

    /// <summary>The demo's defaults: a quote every 7.5 s, even shares.</summary>
    public static PortalSettings Default { get; } = new(50, new(50, 50), new(50, 50), new(34, 33, 33));

    /// <summary>All zero: what the control shows for a portal it cannot reach.</summary>
    public static PortalSettings Zero { get; } = new(0, new(0, 0), new(0, 0), new(0, 0, 0));

    /// <summary>The pause after each quote: <c>15000 - 15000 * ratio / 100</c> ms, at least 750 ms, as the demo computes it.</summary>
    [JsonIgnore]
    public TimeSpan Pause => TimeSpan.FromMilliseconds(Math.Max(MinPauseMilliseconds,
        (int)(MaxPauseMilliseconds - (MaxPauseMilliseconds * (RequestRatio / 100f)))));

    /// <summary>
    /// Applies a <c>PUT /settings</c> body. Members present replace the current values and
    /// members left out keep them, so <c>{"request_ratio":100}</c> is enough to speed a portal up;
    /// the demo's dashboard always sends every member, which works the same. All problems are reported.
    /// </summary>
    public (PortalSettings? Settings, IReadOnlyList<string> Errors) Apply(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, [$"the body is not JSON: {e.Message}"]);
        }
        if (root is not JsonObject o)
            return (null, ["expected a JSON object such as {\"request_ratio\":50,\"devices\":{\"web\":50,\"mobile\":50},\"users\":{\"registered\":50,\"new\":50},\"travel_type\":{\"t1\":34,\"t2\":33,\"t3\":33}}"]);

        var errors = new List<string>();
        var ratio = Share(o, "", "request_ratio", RequestRatio, errors);
        var devices = Group(o, "devices", errors) is { } d
            ? new DeviceCounts(Share(d, "devices.", "web", Devices.Web, errors), Share(d, "devices.", "mobile", Devices.Mobile, errors))
            : Devices;
        var users = Group(o, "users", errors) is { } u
            ? new UserCounts(Share(u, "users.", "registered", Users.Registered, errors), Share(u, "users.", "new", Users.New, errors))
            : Users;
        var travel = Group(o, "travel_type", errors) is { } t
            ? new TravelTypeCounts(Share(t, "travel_type.", "t1", TravelType.T1, errors), Share(t, "travel_type.", "t2", TravelType.T2, errors), Share(t, "travel_type.", "t3", TravelType.T3, errors))
            : TravelType;
        if (devices.Web + devices.Mobile == 0)
            errors.Add("devices: web and mobile are both 0; at least one needs a share");
        if (users.Registered + users.New == 0)
            errors.Add("users: registered and new are both 0; at least one needs a share");
        if (travel.T1 + travel.T2 + travel.T3 == 0)
            errors.Add("travel_type: t1, t2 and t3 are all 0; at least one needs a share");
        return errors.Count == 0 ? (new PortalSettings(ratio, devices, users, travel), errors) : (null, errors);
    }

    private static JsonObject? Group(JsonObject o, string name, List<string> errors)
    {
        if (!o.TryGetPropertyValue(name, out var node) || node is null)
            return null;
        if (node is JsonObject g)
            return g;
        errors.Add($"{name}: expected an object, found {node.ToJsonString()}");
        return null;
    }

    private static int Share(JsonObject o, string prefix, string name, int current, List<string> errors) =>
        JsonMembers.Int(o, prefix, name, current, 0, 100, errors);
}
