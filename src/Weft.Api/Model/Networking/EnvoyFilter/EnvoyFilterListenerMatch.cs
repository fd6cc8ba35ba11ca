using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.ListenerMatch.</summary>
[WireNullsAreAbsent]
public sealed record EnvoyFilterListenerMatch
{
    public uint? PortNumber { get; init; }

    /// <summary>Deprecated upstream; kept because the CRD still serves it.</summary>
    public string? PortName { get; init; }

    public EnvoyFilterFilterChainMatch? FilterChain { get; init; }
    public string? ListenerFilter { get; init; }
    public string? Name { get; init; }
}
