using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A network filter by name, and optionally an HTTP filter inside it (of a listener or a waypoint).</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterFilterMatch
{
    public string? Name { get; init; }
    public EnvoyFilterSubFilterMatch? SubFilter { get; init; }
}
