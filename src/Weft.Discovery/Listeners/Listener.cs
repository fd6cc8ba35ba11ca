using System.Collections.Immutable;

namespace Weft.Discovery.Listeners;

/// <summary>
/// A socket the proxy binds (address and port decided by the control plane) and the filter
/// chains that handle its connections. The first chain whose match fits a connection wins;
/// <see cref="DefaultFilterChain"/> handles the rest (a connection with no chain is closed).
/// </summary>
public sealed record Listener
{
    public required string Name { get; init; }

    public required string Address { get; init; }

    public required int Port { get; init; }

    public TrafficDirection Direction { get; init; } = TrafficDirection.Outbound;

    /// <summary>
    /// Accepts an application's proxy requests: absolute-form HTTP requests (routed by their
    /// authority) and CONNECT tunnels (matched by destination host/port and SNI). The sidecar's
    /// 15001 listener in explicit-interception mode.
    /// </summary>
    public bool HttpProxy { get; init; }

    public ImmutableArray<FilterChain> FilterChains { get; init; } = [];

    public FilterChain? DefaultFilterChain { get; init; }
}
