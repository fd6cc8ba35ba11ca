using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.ListenerMatch.FilterChainMatch.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterFilterChainMatch
{
    public string? Name { get; init; }
    public string? Sni { get; init; }
    public string? TransportProtocol { get; init; }
    public string? ApplicationProtocols { get; init; }
    public EnvoyFilterFilterMatch? Filter { get; init; }
    public uint? DestinationPort { get; init; }
    public string? TransportSocket { get; init; }
}
