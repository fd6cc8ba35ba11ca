using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>ConnectionPoolSettings.TCPSettings: connection limits, timeouts and keepalive.</summary>
[WireNullsAreAbsent]
public sealed record TcpSettings
{
    public int? MaxConnections { get; init; }
    public Duration? ConnectTimeout { get; init; }
    public TcpKeepalive? TcpKeepalive { get; init; }
    public Duration? MaxConnectionDuration { get; init; }
    public Duration? IdleTimeout { get; init; }
}
