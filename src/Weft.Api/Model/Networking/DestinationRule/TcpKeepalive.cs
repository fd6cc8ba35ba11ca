using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>SO_KEEPALIVE probes: how many, after how long idle, how often.</summary>
[WireNullsAreAbsent]
public sealed record TcpKeepalive
{
    public uint? Probes { get; init; }
    public Duration? Time { get; init; }
    public Duration? Interval { get; init; }
}
