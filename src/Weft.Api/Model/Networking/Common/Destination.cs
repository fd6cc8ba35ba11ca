using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Where traffic goes: a service host (short or FQDN), optionally one subset and one port of it.</summary>
[WireNullsAreAbsent]
public sealed record Destination
{
    public string? Host { get; init; }
    public string? Subset { get; init; }
    public PortSelector? Port { get; init; }
}
